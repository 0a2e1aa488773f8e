/**
 * The contract methods main answers itself, because they need Electron (shell, dialogs,
 * safeStorage, electron-store); exports.ts holds the export methods. Account methods carry tokens: main checks a token with
 * Copernica through the backend, keeps it encrypted (secrets.ts) and hands it to the worker's
 * memory; it never returns one. Dependencies are injected so tests and the e2e harness run
 * these handlers without Electron.
 */
import { AppError } from '../shared/errors';
import { unwrap } from '../shared/result';
import type { Account } from '../shared/schemas/accounts';
import type { BackendAccess } from './backendAccess';
import { createExportHandlers, type ExportDeps, type ExportHandlers } from './exports';
import type { MainHandlers } from './ipc';
import { type OpenInShell, openExternalUrl } from './openExternal';
import type { TokenStore } from './secrets';
import type { SettingsStore } from './settings';

export interface MainHandlerDeps {
  openInShell: OpenInShell;
  /** The account and settings methods answer "not available" without these (tests of other parts). */
  backend?: BackendAccess;
  tokens?: TokenStore;
  settings?: SettingsStore;
  /** The save dialog, the file manager and the window's events (exports.ts); with `backend`. */
  exports?: Omit<ExportDeps, 'backend'>;
}

function need<T>(dep: T | undefined): T {
  if (dep === undefined) throw new AppError('internal', 'This part of Copernica Clicks is not running.');
  return dep;
}

/**
 * Saves the token, unless saving would leave it only obfuscated on disk and the user did not
 * agree to that in the account dialog: then it is kept for this session only.
 */
function keepToken(tokens: TokenStore, accountId: number, token: string, consent: boolean | undefined) {
  return tokens.needsConsentToSave() && consent !== true
    ? tokens.keepForSession(accountId, token)
    : tokens.save(accountId, token);
}

async function accountById(backend: BackendAccess, id: number): Promise<Account> {
  return unwrap(await backend.internal('getAccount', { id }));
}

export function createMainHandlers(deps: MainHandlerDeps): MainHandlers {
  const exports: ExportHandlers | undefined =
    deps.exports && deps.backend
      ? createExportHandlers({ ...deps.exports, backend: deps.backend })
      : undefined;
  const exporting = (): ExportHandlers => need(exports);
  return {
    openExternal: async ({ url }) => {
      await openExternalUrl(url, deps.openInShell);
      return null;
    },

    addAccount: async ({ label, token, apiVersion, timeZone, storeTokenUnencrypted }) => {
      const backend = need(deps.backend);
      const tokens = need(deps.tokens);
      tokens.assertCanStore();
      const identity = unwrap(await backend.internal('verifyToken', { apiVersion, token }));
      const created = unwrap(
        await backend.internal('createAccount', { label, apiVersion, timeZone, ...identity }),
      );
      // Saved before the worker may use it: an account never works on a token that is not kept.
      await keepToken(tokens, created.id, token, storeTokenUnencrypted);
      unwrap(await backend.internal('setCredentials', [{ accountId: created.id, token }]));
      return accountById(backend, created.id);
    },

    updateAccount: async ({ id, token, label, apiVersion, timeZone, storeTokenUnencrypted }) => {
      const backend = need(deps.backend);
      const tokens = need(deps.tokens);
      let identity: { remoteId: number; remoteName: string } | undefined;
      if (token !== undefined) {
        tokens.assertCanStore();
        const current = await accountById(backend, id);
        if (current.isDemo) throw new AppError('invalid_input', 'The sample data needs no access token.');
        identity = unwrap(
          await backend.internal('verifyToken', { apiVersion: apiVersion ?? current.apiVersion, token }),
        );
      }
      unwrap(
        await backend.internal('updateAccount', {
          id,
          ...(label !== undefined ? { label } : {}),
          ...(apiVersion !== undefined ? { apiVersion } : {}),
          ...(timeZone !== undefined ? { timeZone } : {}),
          ...identity,
        }),
      );
      if (token !== undefined) {
        await keepToken(tokens, id, token, storeTokenUnencrypted);
        unwrap(await backend.internal('setCredentials', [{ accountId: id, token }]));
      }
      return accountById(backend, id);
    },

    removeAccount: async ({ id }) => {
      const backend = need(deps.backend);
      const tokens = need(deps.tokens);
      const deleted = await backend.internal('deleteAccount', { id });
      // The token goes whatever the backend said: a token without an account is of no use.
      await tokens.remove(id);
      unwrap(deleted);
      return null;
    },

    getTokenStorage: async () => need(deps.tokens).storage(),
    getSettings: async () => need(deps.settings).getSettings(),
    updateSettings: async (settings) => need(deps.settings).updateSettings(settings),
    getGridState: async ({ gridId }) => need(deps.settings).getGridState(gridId),
    saveGridState: async ({ gridId, state }) => {
      need(deps.settings).saveGridState(gridId, state);
      return null;
    },

    exportView: (input) => exporting().exportView(input),
    exportReport: (input) => exporting().exportReport(input),
    exportClientReport: (input) => exporting().exportClientReport(input),
    cancelExport: (input) => exporting().cancelExport(input),
    showExportInFolder: (input) => exporting().showExportInFolder(input),
    openExport: (input) => exporting().openExport(input),
  };
}

/**
 * At start-up, once the worker runs: the saved tokens go to its memory, then the background
 * refresh of stale tracked emailings starts. The window is usable throughout.
 */
export async function startAccountsInBackend(
  backend: Pick<BackendAccess, 'internal'>,
  tokens: TokenStore,
  settings: SettingsStore,
  log: { error(message: string, error?: unknown): void },
): Promise<void> {
  try {
    const credentials = await tokens.loadAll();
    unwrap(await backend.internal('setCredentials', credentials));
    const { refreshAfterMinutes } = settings.getSettings();
    unwrap(await backend.internal('startAutoRefresh', { refreshAfterMinutes }));
  } catch (error) {
    log.error('Could not start the background refresh of the accounts', error);
  }
}
