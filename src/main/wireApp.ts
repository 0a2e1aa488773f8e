/**
 * Everything between the backend host and the window, without Electron: main's own handlers,
 * one IPC handler per contract method, the backend's events to the window, and the start of
 * the accounts (saved tokens to the worker, then the refresh of stale tracked emailings).
 * index.ts calls it with Electron's ipcMain, dialogs and shell and the safeStorage-backed token
 * store; the e2e harness calls it with its stand-ins. So the harness runs the app's very wiring
 * and cannot drift from it.
 */
import { eventChannel, events } from '../shared/contract';
import type { BackendAccess } from './backendAccess';
import { type EventSource, forwardBackendEvents, type SendToRenderer } from './eventForwarding';
import type { ShowSaveDialog } from './exports';
import { createSenderCheck, type IpcMainLike, registerContractHandlers } from './ipc';
import type { Logger } from './log';
import { createMainHandlers, startAccountsInBackend } from './mainHandlers';
import type { OpenInShell } from './openExternal';
import type { TokenStore } from './secrets';
import type { SettingsStore } from './settings';

/** The backend host as the wiring uses it (BackendHost in the app and the harness). */
export type WiredBackend = BackendAccess & EventSource;

export interface AppWiringDeps {
  /**
   * The backend while it starts: the window opens as the worker migrates the database, and its
   * early calls wait. A backend that fails to start is reported by whoever started it; here its
   * calls answer with an error.
   */
  backend: Promise<WiredBackend>;
  ipcMain: IpcMainLike;
  /** Whether a URL is the app's renderer (rendererOrigin.ts); only its top frame may call. */
  isRendererUrl(url: string): boolean;
  tokens: TokenStore;
  settings: SettingsStore;
  /** Opens a checked http(s) URL in the user's browser (Electron's shell.openExternal). */
  openInShell: OpenInShell;
  showSaveDialog: ShowSaveDialog;
  /** Electron's `shell.showItemInFolder`. */
  showItemInFolder(path: string): void;
  /** Electron's `shell.openPath`. */
  openPath(path: string): Promise<string>;
  /** Where the first save dialog of the session opens (the user's documents folder). */
  defaultFolder(): string;
  /** Sends an event to the window, when one is open. */
  sendToWindow: SendToRenderer;
  /** Checks answers against the contract too: in development and tests, where a mismatch is a bug. */
  validateOutput: boolean;
  log: Logger;
}

export interface AppWiring {
  /** Settles once the saved tokens are in the worker and the background refresh started (failures are logged). */
  accountsStarted: Promise<void>;
  /** Removes the IPC handlers and stops passing the backend's events on. */
  stop(): void;
}

export function wireApp(deps: AppWiringDeps): AppWiring {
  const { backend, log } = deps;
  const access: BackendAccess = {
    call: async (method, input) => (await backend).call(method, input),
    internal: async (method, input, signal) => (await backend).internal(method, input, signal),
  };

  let stopEvents: (() => void) | null = null;
  let stopped = false;
  const started = backend.then(
    (host) => {
      if (!stopped) stopEvents = forwardBackendEvents(host, deps.sendToWindow, log);
      return host;
    },
    () => null,
  );
  // In the background: tokens to the worker, then the refresh of stale tracked emailings; again
  // after a restarted worker, which starts with no tokens in its memory.
  const startAccounts = (host: WiredBackend) => startAccountsInBackend(host, deps.tokens, deps.settings, log);
  let stopRestartWatch: (() => void) | null = null;
  const accountsStarted = started.then((host) => {
    if (!host) return undefined;
    if (!stopped)
      stopRestartWatch = host.onEvent((name) => {
        if (name === 'backendRestarted') void startAccounts(host);
      });
    return startAccounts(host);
  });

  const removeHandlers = registerContractHandlers({
    ipcMain: deps.ipcMain,
    isTrustedSender: createSenderCheck(deps.isRendererUrl),
    backend: access,
    mainHandlers: createMainHandlers({
      openInShell: deps.openInShell,
      backend: access,
      tokens: deps.tokens,
      settings: deps.settings,
      exports: {
        showSaveDialog: deps.showSaveDialog,
        showItemInFolder: deps.showItemInFolder,
        openPath: deps.openPath,
        defaultFolder: deps.defaultFolder,
        sendProgress: (event) => {
          const parsed = events.exportProgress.safeParse(event);
          if (parsed.success) deps.sendToWindow(eventChannel('exportProgress'), parsed.data);
          else log.error('An exportProgress event does not match the contract', parsed.error);
        },
        log,
      },
    }),
    validateOutput: deps.validateOutput,
    log,
  });

  return {
    accountsStarted,
    stop() {
      stopped = true;
      removeHandlers();
      stopEvents?.();
      stopRestartWatch?.();
    },
  };
}
