/**
 * Main's IPC handling, minus Electron: a stand-in for `ipcMain` that keeps the handlers main's
 * own wiring (src/main/wireApp.ts) registers on it (sender check, contract validation,
 * forwarding to the backend, main's own methods, output check), and answers an invoke from the
 * page with them, as Electron would.
 */
import type { IpcMainLike } from '../../../src/main/ipc';
import type { Result } from '../../../src/shared/result';

/** Answers an invoke from the page at `pageUrl`, or returns null for a channel main does not handle. */
export type Dispatch = (channel: string, input: unknown, pageUrl: string) => Promise<Result<unknown>> | null;

export const harnessLog = {
  warn: (message: string, error?: unknown) => console.warn(`[harness] ${message}`, error ?? ''),
  error: (message: string, error?: unknown) => console.error(`[harness] ${message}`, error ?? ''),
};

export function createIpcStandIn(): { ipcMain: IpcMainLike; dispatch: Dispatch } {
  type Handler = Parameters<IpcMainLike['handle']>[1];
  const handlers = new Map<string, Handler>();
  return {
    ipcMain: {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    dispatch: (channel, input, pageUrl) => {
      const handler = handlers.get(channel);
      // The page is a top frame by construction; its URL comes from the request's Referer.
      return handler ? handler({ senderFrame: { url: pageUrl, parent: null } }, input) : null;
    },
  };
}
