/**
 * One API client for the whole window: the one handed to App (the bridge's in the app, a fake in
 * a test) reaches every view through the ApiProvider. The views are drawn here with
 * react-dom/server, without a browser: no `window`, so a view that reached past the provider to
 * `window.api` fails to draw.
 */
import { type ComponentType, createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../src/renderer/src/api';
import { ApiProvider, useApi } from '../../src/renderer/src/ApiProvider';
import { AppError } from '../../src/shared/errors';
import type { Account } from '../../src/shared/schemas/accounts';
import type { EmailingListItem } from '../../src/shared/schemas/emailings';

const rendererRoot = join(import.meta.dirname, '../../src/renderer/src');

/**
 * The components are .tsx, type-checked by the renderer's project (DOM, JSX); this project has
 * neither, so they are imported by a path it does not follow and typed here by what the test uses.
 */
async function component<Props>(path: string, name: string): Promise<ComponentType<Props>> {
  const module = (await import(/* @vite-ignore */ join(rendererRoot, path))) as Record<string, unknown>;
  return module[name] as ComponentType<Props>;
}

/** A client that fails the test if drawing calls it: the views ask for data only once shown. */
const fakeClient = new Proxy({} as ApiClient, {
  get: (_target, name) => () => {
    throw new Error(`The client was called while drawing (${String(name)}).`);
  },
});

const account: Account = {
  id: 1,
  label: 'Fietsenwinkel',
  apiVersion: 'v3',
  timeZone: 'Europe/Amsterdam',
  tokenStatus: 'ok',
  isDemo: false,
  remoteName: null,
  emailingCount: 1,
  trackedCount: 1,
  lastRefreshedAt: null,
};

const emailing: EmailingListItem = {
  key: 7,
  accountId: 1,
  emailingId: 4101,
  subject: 'Voorjaarsactie',
  sentAt: '2025-03-04 09:00:00',
  destinations: 1000,
  reportedClicks: 3250,
  impressions: null,
  tracked: true,
  clickCount: 3250,
  lastRefreshedAt: null,
  lastError: null,
  syncing: false,
};

describe('ApiProvider', () => {
  it('gives every component below it the client it was handed', () => {
    let seen: ApiClient | null = null;
    function Probe() {
      seen = useApi();
      return null;
    }
    renderToStaticMarkup(createElement(ApiProvider, { client: fakeClient, children: createElement(Probe) }));
    expect(seen).toBe(fakeClient);
  });

  it('refuses to hand out a client outside the provider, with an internal AppError', () => {
    function Probe() {
      useApi();
      return null;
    }
    let error: unknown = null;
    try {
      renderToStaticMarkup(createElement(Probe));
    } catch (cause) {
      error = cause;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('internal');
  });

  afterEach(() => vi.unstubAllGlobals());

  it('draws the emailing view and its report and export controls from the client in context alone', async () => {
    expect('window' in globalThis).toBe(false);
    // The one browser global the export menu's defaults read (Node 20 has none).
    vi.stubGlobal('navigator', { language: 'nl-NL' });
    const EmailingDetail = await component<{ account: Account; emailing: EmailingListItem; onBack(): void }>(
      'detail/EmailingDetail.tsx',
      'EmailingDetail',
    );
    const ExportChoiceProvider = await component<{ children: ReactNode }>(
      'export/exportChoice.tsx',
      'ExportChoiceProvider',
    );
    const html = renderToStaticMarkup(
      createElement(ApiProvider, {
        client: fakeClient,
        children: createElement(ExportChoiceProvider, {
          children: createElement(EmailingDetail, { account, emailing, onBack: () => undefined }),
        }),
      }),
    );
    expect(html).toContain('Voorjaarsactie');
    expect(html).toContain('Client report');
    // An emailing opens on its Overview; the views behind the other tabs mount when first opened.
    expect(html).toContain('id="tab-overview" aria-selected="true"');
    expect(html).toContain('Loading the key figures');
  });

  it('is the only way a renderer module reaches the bridge: only main.tsx reads window.api', () => {
    const readers = sourceFiles(rendererRoot)
      .filter((file) => /\bwindow\.api\b/.test(codeOnly(readFileSync(file, 'utf8'))))
      .map((file) => relative(rendererRoot, file));
    expect(readers).toEqual(['main.tsx']);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Comments and messages may name window.api to explain; only code counts. */
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/`[^`]*`|'[^'\n]*'|"[^"\n]*"/g, "''");
}
