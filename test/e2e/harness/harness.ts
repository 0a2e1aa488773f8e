/**
 * The renderer as the app runs it, in a plain browser: the built `out/renderer` served on
 * loopback with the app's CSP header, `window.api` installed by the same bridge the preload
 * uses, and every call going through main's own wiring (src/main/wireApp.ts: contract
 * validation, main's handlers, event forwarding) to a real BackendHost (worker thread, SQLite
 * file). Only Electron itself is missing: the desktop's parts are stand-ins that record what
 * would have happened (a browser opened, a file shown), the save dialog and safeStorage are fakes.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../src/main/appMenu';
import type { AppCommand } from '../../../src/shared/appCommands';
import { eventChannel } from '../../../src/shared/contract';
import { emailingViews } from '../../../src/shared/emailingViews';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackendHost } from '../../../src/backend/host';
import { productionCsp } from '../../../src/main/csp';
import { createTokenStore, type TokenStore } from '../../../src/main/secrets';
import { createSettingsStore, memoryStore, type SettingsStore } from '../../../src/main/settings';
import { wireApp } from '../../../src/main/wireApp';
import { bridgeScript } from './bundleBridge';
import { createIpcStandIn, harnessLog } from './dispatch';
import { EventStream } from './eventStream';
import { createFakeSafeStorage, type FakeSafeStorage } from './fakeSafeStorage';
import { createFakeSaveDialog, type FakeSaveDialog } from './fakeSaveDialog';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface HarnessOptions {
  databasePath: string;
  /** Copernica's origin without the version, e.g. a fake server's `http://127.0.0.1:PORT`. */
  copernicaOrigin?: string;
  /** What the fake safeStorage reports as its Linux backend; 'basic_text' to see the warning. */
  tokenStorageBackend?: string;
  /** Settings and grid state to start with (kept in memory), e.g. { settings: { refreshAfterMinutes: 5 } }. */
  initialSettings?: Record<string, unknown>;
  /** A folder of the spec's own (the database's, say) that closing the harness removes. */
  removeOnClose?: string;
}

/** Built by playwright.config.ts's global setup before any test runs. */
const rendererDir = join(repoRoot, 'out', 'renderer');

export interface Harness {
  url: string;
  /** URLs the app asked to open in the user's browser, after main's checks, in order. */
  openedExternally: string[];
  /** Pages connected to the event stream; wait for one before causing an event it must see. */
  readonly eventListeners: number;
  /** Stands in for Electron's safeStorage: flip `available` or `backend` to simulate a machine. */
  safeStorage: FakeSafeStorage;
  /** Main's token store (a tokens.json beside the database, encrypted by the fake safeStorage). */
  tokens: TokenStore;
  settings: SettingsStore;
  /** Stands in for the save dialog: set `folder` to save there, null to cancel. */
  saveDialog: FakeSaveDialog;
  /** Files the app asked the file manager to show, in order. */
  shownInFolder: string[];
  /** Files the app asked to open in their default program, in order. */
  openedFiles: string[];
  /** Clicks the application menu's item `id` (main's real template), as a user would. */
  chooseMenuItem(id: AppCommand): void;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const bridgeTag = '<script src="/__harness/bridge.js"></script>';

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const version = (JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
  const [backend, bridge] = await Promise.all([
    BackendHost.start({
      databasePath: options.databasePath,
      version,
      ...(options.copernicaOrigin ? { copernicaOrigin: options.copernicaOrigin } : {}),
    }),
    bridgeScript(),
  ]);
  const openedExternally: string[] = [];
  const safeStorage = createFakeSafeStorage(options.tokenStorageBackend ?? 'gnome_libsecret');
  const tokens = createTokenStore({
    file: join(dirname(options.databasePath), 'tokens.json'),
    safeStorage,
    platform: 'linux',
    log: harnessLog,
  });
  const settings = createSettingsStore(memoryStore(options.initialSettings), harnessLog);
  const saveDialog = createFakeSaveDialog();
  const shownInFolder: string[] = [];
  const openedFiles: string[] = [];
  const stream = new EventStream();
  let origin = '';
  const { ipcMain, dispatch } = createIpcStandIn();
  const wiring = wireApp({
    backend: Promise.resolve(backend),
    ipcMain,
    isRendererUrl: (url) => URL.canParse(url) && new URL(url).origin === origin,
    tokens,
    settings,
    openInShell: async (url) => void openedExternally.push(url),
    showSaveDialog: (request) => saveDialog.show(request),
    showItemInFolder: (path) => void shownInFolder.push(path),
    openPath: async (path) => {
      openedFiles.push(path);
      return '';
    },
    defaultFolder: () => dirname(options.databasePath),
    sendToWindow: (channel, payload) => stream.send(channel, payload),
    // On, as in development: an answer that drifted from the contract should fail a test.
    validateOutput: true,
    log: harnessLog,
  });
  // The page loads once the saved tokens are in the worker and the refresh on launch started.
  await wiring.accountsStarted;

  async function serveFile(pathname: string, response: ServerResponse): Promise<void> {
    const file = resolve(rendererDir, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep))
      return void send(response, 404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return void send(response, 404, 'Not found');
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    if (extname(file) !== '.html') return void send(response, 200, body, type);
    const html = body.toString('utf8');
    const firstScript = html.indexOf('<script');
    if (firstScript < 0) throw new Error(`${file} has no <script> to install the bridge before.`);
    // The bridge must define window.api before the app's module runs, as the preload does.
    const withBridge = `${html.slice(0, firstScript)}${bridgeTag}\n    ${html.slice(firstScript)}`;
    send(response, 200, withBridge, type, { 'content-security-policy': productionCsp });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://harness');
    if (pathname === '/__harness/bridge.js') return send(response, 200, bridge, contentTypes['.js']);
    if (pathname === '/__harness/events') return stream.connect(request, response);
    if (pathname.startsWith('/__harness/invoke/')) {
      if (request.method !== 'POST') return send(response, 405, 'POST only');
      const channel = decodeURIComponent(pathname.slice('/__harness/invoke/'.length));
      const text = await readBody(request);
      let input: unknown;
      try {
        input = text === '' ? undefined : JSON.parse(text);
      } catch {
        return send(response, 400, 'The body is not JSON.');
      }
      // The preload can only send on the contract's channels; anything else is a harness bug.
      const answer = dispatch(channel, input, request.headers.referer ?? '');
      if (!answer) return send(response, 404, `No method on channel ${channel}.`);
      return send(response, 200, JSON.stringify(await answer), contentTypes['.json']);
    }
    if (request.method !== 'GET') return send(response, 405, 'GET only');
    // Chromium asks every http page for a favicon, the app:// window does not: answer, quietly.
    if (pathname === '/favicon.ico') return void response.writeHead(204).end();
    return serveFile(decodeURIComponent(pathname), response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[harness]', error);
      if (!response.headersSent) send(response, 500, error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    openedExternally,
    get eventListeners() {
      return stream.listeners;
    },
    safeStorage,
    tokens,
    settings,
    saveDialog,
    shownInFolder,
    openedFiles,
    chooseMenuItem(id) {
      const template = appMenuTemplate({
        platform: process.platform,
        packaged: true,
        viewLabels: emailingViews.map((view) => view.label),
        send: (command) => stream.send(eventChannel('menuCommand'), { command }),
      });
      const item = menuItems(template).find((entry) => entry.id === id);
      if (!item?.click) throw new Error(`The application menu has no item ${id}.`);
      (item.click as () => void)();
    },
    async close() {
      wiring.stop();
      stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await backend.close();
      if (options.removeOnClose) await rm(options.removeOnClose, { recursive: true, force: true });
    },
  };
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function menuItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((entry) => [
    entry,
    ...(Array.isArray(entry.submenu) ? menuItems(entry.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}
