/**
 * The e2e harness must run the app's own wiring, not a copy of it that could drift: both it and
 * src/main/index.ts connect the backend to the window through wireApp.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { methodChannel } from '../../src/shared/contract';
import type * as wireAppModule from '../../src/main/wireApp';
import { wireApp } from '../../src/main/wireApp';
import { type Harness, startHarness } from '../e2e/harness/harness';
import { useTempDir } from '../helpers/tempDir';

type WireAppModule = typeof wireAppModule;

vi.mock('../../src/main/wireApp', async (importOriginal) => {
  const actual = await importOriginal<WireAppModule>();
  return { ...actual, wireApp: vi.fn(actual.wireApp) };
});

const repoRoot = resolve(import.meta.dirname, '../..');

describe('one wiring for the app and the e2e harness', () => {
  const tempDir = useTempDir();
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('the harness answers the page through wireApp', async () => {
    harness = await startHarness({ databasePath: join(tempDir(), 'cache.db') });
    expect(wireApp).toHaveBeenCalledTimes(1);
    const invoke = (referer: string) =>
      fetch(`${harness?.url}__harness/invoke/${encodeURIComponent(methodChannel('listAccounts'))}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', referer },
        body: '{}',
      }).then((response) => response.json());
    expect(await invoke(harness.url)).toEqual({ ok: true, value: [] });
    // The sender check wireApp installs: a page of another origin is refused.
    expect(await invoke('http://127.0.0.1:1/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('index.ts wires the app with wireApp and none of the pieces it puts together', () => {
    const index = readFileSync(join(repoRoot, 'src', 'main', 'index.ts'), 'utf8');
    expect(index).toContain("import { wireApp } from './wireApp';");
    expect(index).toMatch(/\bwireApp\(\{/);
    for (const piece of [
      'registerContractHandlers',
      'createMainHandlers',
      'forwardBackendEvents',
      'startAccountsInBackend',
    ])
      expect(index).not.toContain(piece);
  });
});
