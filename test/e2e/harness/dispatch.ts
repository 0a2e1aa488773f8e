/**
 * Main's IPC handling, minus Electron: the very handlers main registers (sender check, contract
 * validation, forwarding to the backend, main's own methods, output check) are registered here
 * on a stand-in for `ipcMain`. Main-owned methods that would reach the desktop (opening a
 * browser, showing a file in its folder) are recorded instead, and the save dialog is a fake
 * (fakeSaveDialog.ts), so tests can assert what would have happened; tokens go
 * through main's token store over a fake safeStorage, settings through main's settings store.
 */
import { createSenderCheck, type IpcMainLike, registerContractHandlers } from '../../../src/main/ipc';
import { createMainHandlers } from '../../../src/main/mainHandlers';
import type { ExportDeps } from '../../../src/main/exports';
import type { TokenStore } from '../../../src/main/secrets';
import type { SettingsStore } from '../../../src/main/settings';
import type { Result } from '../../../src/shared/result';
import type { BackendHost } from '../../../src/backend/host';

/** Answers an invoke from the page at `pageUrl`, or returns null for a channel main does not handle. */
export type Dispatch = (channel: string, input: unknown, pageUrl: string) => Promise<Result<unknown>> | null;

export const harnessLog = {
  warn: (message: string, error?: unknown) => console.warn(`[harness] ${message}`, error ?? ''),
  error: (message: string, error?: unknown) => console.error(`[harness] ${message}`, error ?? ''),
};

export interface DispatchOptions {
  backend: BackendHost;
  /** The harness's stand-in for "this URL is our renderer". */
  isRendererUrl: (url: string) => boolean;
  openedExternally: string[];
  tokens: TokenStore;
  settings: SettingsStore;
  /** The save dialog, the file manager and the window's events, as fakes (harness.ts). */
  exports: Omit<ExportDeps, 'backend' | 'log'>;
}

export function createDispatch({
  backend,
  isRendererUrl,
  openedExternally,
  tokens,
  settings,
  exports,
}: DispatchOptions): Dispatch {
  type Handler = Parameters<IpcMainLike['handle']>[1];
  const handlers = new Map<string, Handler>();
  registerContractHandlers({
    ipcMain: {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    isTrustedSender: createSenderCheck(isRendererUrl),
    backend,
    mainHandlers: createMainHandlers({
      openInShell: async (url) => void openedExternally.push(url),
      backend,
      tokens,
      settings,
      exports: { ...exports, log: harnessLog },
    }),
    // On, as in development: an answer that drifted from the contract should fail a test.
    validateOutput: true,
    log: harnessLog,
  });

  return (channel, input, pageUrl) => {
    const handler = handlers.get(channel);
    // The page is a top frame by construction; its URL comes from the request's Referer.
    return handler ? handler({ senderFrame: { url: pageUrl, parent: null } }, input) : null;
  };
}
