/** The contract methods main answers itself, because they need Electron (shell, dialogs, safeStorage). */
import type { MainHandlers } from './ipc';
import { type OpenInShell, openExternalUrl } from './openExternal';

export interface MainHandlerDeps {
  openInShell: OpenInShell;
}

export function createMainHandlers(deps: MainHandlerDeps): MainHandlers {
  return {
    openExternal: async ({ url }) => {
      await openExternalUrl(url, deps.openInShell);
      return null;
    },
  };
}
