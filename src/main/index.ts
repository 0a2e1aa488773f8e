/**
 * The Electron main process: app lifecycle, the window and Electron's objects, nothing heavy.
 * wireApp.ts connects them to the backend (the e2e harness runs it too, with stand-ins). Data
 * work happens in the backend worker (src/backend), security rules live in security.ts and
 * ipc.ts, the window in window.ts. Read top to bottom: what must happen before `ready`, then
 * start-up, then shutdown.
 *
 * Built files, all relative to this bundle (out/main/index.js):
 *   out/main/backendWorker.js   the backend worker thread
 *   out/preload/index.cjs       the sandboxed preload
 *   out/renderer/               the renderer, served as app://renderer/
 *   native/electron-<version>-<platform>-<arch>/better_sqlite3.node   (scripts/build-electron-native.mjs)
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { Menu } from 'electron';
import { BackendHost } from '../backend/host';
import { ensurePrivateFolder } from '../backend/privateFiles';
import { appDisplayName, databaseFileName, userDataDir } from '../shared/appPaths';
import { eventChannel } from '../shared/contract';
import { emailingViews } from '../shared/emailingViews';
import { startWithCacheRecovery, StartupAbandoned } from './cacheRecovery';
import { createFileLogger } from './log';
import { electronNativeBindingPath } from './nativeBinding';
import { asarUnpackedPath } from './asarPaths';
import { devServerUrlFor, keepDevToolsClosed, takeDebugSwitches } from './production';
import { appMenuTemplate } from './appMenu';
import { appScheme, createRendererOrigin } from './rendererOrigin';
import { createRendererProtocolHandler } from './rendererProtocol';
import { hardenSession, hardenWebContents } from './security';
import { createTokenStore } from './secrets';
import { createSettingsStore, loadElectronStore, openKeyValueStore } from './settings';
import { createMainWindow } from './window';
import { wireApp } from './wireApp';

const here = import.meta.dirname;
const appRoot = resolve(here, '..', '..');
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const rendererDir = join(here, '..', 'renderer');
// Unpacked from the asar in an installed app (asarPaths.ts); the same paths when run from out/.
const workerPath = asarUnpackedPath(join(here, 'backendWorker.js'));
const checkpointWorkerPath = asarUnpackedPath(join(here, 'checkpointWorker.js'));

// Before `ready`: the user-data folder holds the single-instance lock and the session, and is
// the same folder the CLI defaults to (src/shared/appPaths.ts).
app.setName(appDisplayName);
app.setPath(
  'userData',
  resolve(userDataDir({ platform: process.platform, homeDir: homedir(), env: process.env })),
);
// The folder holds the cache's personal data: 0700, created so before the logger or Chromium
// would create it 0755, and tightened when an older version left it looser.
try {
  ensurePrivateFolder(app.getPath('userData'));
} catch (error) {
  console.error('Could not make the user-data folder private', error);
}
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true } }]);

const log = createFileLogger(join(app.getPath('userData'), 'logs', 'main.log'));
const origin = createRendererOrigin(devServerUrlFor({ isPackaged: app.isPackaged, env: process.env }));
// Taken off Chromium's command line before `ready`, when it would open the debugging port.
const refusedSwitches = app.isPackaged ? takeDebugSwitches(app.commandLine, process.argv) : [];
const openInShell = (url: string): Promise<void> => shell.openExternal(url);

let mainWindow: BrowserWindow | null = null;

function sendToWindow(channel: string, payload: unknown): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
}

function openMainWindow(): void {
  const window = createMainWindow(preloadPath, { devTools: !app.isPackaged });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window
    .loadURL(origin.entryUrl)
    .catch((error: unknown) => log.error(`Could not load the window from ${origin.entryUrl}`, error));
  mainWindow = window;
}

function failStartup(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

function startBackend(): Promise<BackendHost> | null {
  const nativeBinding = electronNativeBindingPath(asarUnpackedPath(appRoot), {
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
  });
  if (!existsSync(nativeBinding)) {
    log.error(`The SQLite module for Electron is missing: ${nativeBinding}`);
    failStartup(
      'The database module is not built for this Electron',
      `Copernica Clicks needs better-sqlite3 compiled for Electron ${process.versions.electron} ` +
        `(${process.platform}-${process.arch}) at\n${nativeBinding}\n\n` +
        'Build it with "node scripts/build-electron-native.mjs" (this needs internet access), then start the app again.',
    );
    return null;
  }
  const databasePath = join(app.getPath('userData'), databaseFileName);
  const started = startWithCacheRecovery(
    () =>
      BackendHost.start({
        databasePath,
        workerPath,
        checkpointWorkerPath,
        nativeBinding,
        version: app.getVersion(),
        log,
      }),
    databasePath,
    {
      showMessageBox: (options) => dialog.showMessageBox(options),
      log,
      companions: [join(app.getPath('userData'), 'tokens.json')],
    },
  );
  started.catch((error: unknown) => {
    if (error instanceof StartupAbandoned) return app.exit(1);
    log.error(`The backend did not start (database ${databasePath})`, error);
    failStartup(
      'Copernica Clicks could not open its database',
      `${error instanceof Error ? error.message : String(error)}\n\nDatabase: ${databasePath}\n` +
        `Details are in ${join(app.getPath('userData'), 'logs', 'main.log')}.`,
    );
  });
  return started;
}

function watchShutdown(backend: Promise<BackendHost>): void {
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    // Let the worker finish its transaction and close SQLite (WAL checkpoint) before exiting.
    event.preventDefault();
    backend
      .then((host) => host.close())
      .catch((error: unknown) => log.error('The backend did not close cleanly', error))
      .finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { origin, openInShell, warn: log.warn });
    if (app.isPackaged) keepDevToolsClosed(contents);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        packaged: app.isPackaged,
        viewLabels: emailingViews.map((view) => view.label),
        send: (command) => sendToWindow(eventChannel('menuCommand'), { command }),
      }),
    ),
  );
  protocol.handle(appScheme, createRendererProtocolHandler(rendererDir));
  hardenSession(session.defaultSession, { origin });

  const backend = startBackend();
  if (!backend) return;
  watchShutdown(backend);
  const userData = app.getPath('userData');
  const tokens = createTokenStore({
    file: join(userData, 'tokens.json'),
    safeStorage,
    platform: process.platform,
    log,
  });
  const settings = createSettingsStore(
    await openKeyValueStore(loadElectronStore, { cwd: userData }, log),
    log,
  );
  // The same wiring the e2e harness runs, with Electron's parts. The window opens while the
  // worker migrates the database; its early calls wait, and the accounts start in the background.
  wireApp({
    backend,
    ipcMain,
    isRendererUrl: origin.isRendererUrl,
    tokens,
    settings,
    openInShell,
    showSaveDialog: (request) =>
      mainWindow && !mainWindow.isDestroyed()
        ? dialog.showSaveDialog(mainWindow, request)
        : dialog.showSaveDialog(request),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    openPath: (path) => shell.openPath(path),
    defaultFolder: () => app.getPath('documents'),
    sendToWindow,
    validateOutput: !app.isPackaged,
    log,
  });
  openMainWindow();
  app.on('activate', () => {
    if (!mainWindow) openMainWindow();
  });
}

if (refusedSwitches.length > 0) {
  log.error(
    `Refused to start with ${refusedSwitches.join(', ')}: an installed Copernica Clicks cannot be debugged.`,
  );
  // On `ready`, so the log line has a moment to reach the file.
  void app.whenReady().then(() => app.exit(1));
} else if (app.requestSingleInstanceLock()) {
  // A second launch only wakes the first one (its 'second-instance' handler focuses the window).
  start().catch((error: unknown) => {
    log.error('Copernica Clicks failed to start', error);
    failStartup('Copernica Clicks failed to start', error instanceof Error ? error.message : String(error));
  });
} else {
  app.quit();
}
