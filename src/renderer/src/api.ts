/**
 * The renderer's typed client over `window.api`: each method resolves to its value or throws an
 * AppError whose message can be shown to the user as is. Components never see a Result, and
 * never have to guess what a failed bridge call looks like.
 */
import type {
  BridgeApi,
  EventName,
  MethodInput,
  MethodName,
  MethodOutput,
  SubscribeName,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { unwrap } from '../../shared/result';

/** Methods without input (`{}`) may be called without an argument. */
type MethodArgs<M extends MethodName> =
  Record<string, never> extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export type ApiClient = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodOutput<M>>;
} & {
  [E in EventName as SubscribeName<E>]: BridgeApi[SubscribeName<E>];
};

/**
 * Shown when the bridge itself failed (the main process threw instead of answering with a
 * Result, or answered with something else): the user can do nothing about it but restart.
 */
export const bridgeFailureMessage =
  'Copernica Clicks lost contact with its background process. Restart the app; if it happens again, the details are in the log.';

export function createApiClient(bridge: BridgeApi): ApiClient {
  function call<M extends MethodName>(name: M) {
    // The correlation between a method's name and its bridge function is lost when indexing by a
    // generic key; the mapped ApiClient type restores it for callers.
    const invoke = bridge[name] as (input: unknown) => Promise<unknown>;
    return async (...args: MethodArgs<M>): Promise<MethodOutput<M>> => {
      let response: unknown;
      try {
        response = await invoke(args[0] ?? {});
      } catch (cause) {
        console.error(`window.api.${name} failed`, cause);
        throw new AppError('internal', bridgeFailureMessage, { cause });
      }
      if (!isResult(response)) {
        console.error(`window.api.${name} answered with something that is not a Result`, response);
        throw new AppError('internal', bridgeFailureMessage);
      }
      return unwrap(response as Result<MethodOutput<M>>);
    };
  }

  // Spelled out rather than generated from the contract's method list so that the renderer
  // bundle does not carry zod; the ApiClient type still fails the build when a method is missing.
  return {
    getAppInfo: call('getAppInfo'),
    listCachedEmailings: call('listCachedEmailings'),
    openExternal: call('openExternal'),
    listAccounts: call('listAccounts'),
    addAccount: call('addAccount'),
    updateAccount: call('updateAccount'),
    removeAccount: call('removeAccount'),
    getTokenStorage: call('getTokenStorage'),
    createDemoAccount: call('createDemoAccount'),
    refreshEmailingList: call('refreshEmailingList'),
    listEmailings: call('listEmailings'),
    setTracked: call('setTracked'),
    syncEmailings: call('syncEmailings'),
    cancelSync: call('cancelSync'),
    removeCachedClicks: call('removeCachedClicks'),
    getStatus: call('getStatus'),
    getSettings: call('getSettings'),
    updateSettings: call('updateSettings'),
    getClicksBlock: call('getClicksBlock'),
    getLinks: call('getLinks'),
    getProfilesBlock: call('getProfilesBlock'),
    getTimeline: call('getTimeline'),
    getKeyFigures: call('getKeyFigures'),
    getBotRules: call('getBotRules'),
    updateBotRules: call('updateBotRules'),
    getDevices: call('getDevices'),
    getProfileDetails: call('getProfileDetails'),
    getProfileColumns: call('getProfileColumns'),
    updateProfileSettings: call('updateProfileSettings'),
    getGridState: call('getGridState'),
    saveGridState: call('saveGridState'),
    exportView: call('exportView'),
    exportReport: call('exportReport'),
    exportClientReport: call('exportClientReport'),
    previewClientReport: call('previewClientReport'),
    compareEmailings: call('compareEmailings'),
    cancelExport: call('cancelExport'),
    showExportInFolder: call('showExportInFolder'),
    openExport: call('openExport'),
    getSyncCompleteness: call('getSyncCompleteness'),
    onCacheChanged: (listener) => bridge.onCacheChanged(listener),
    onSyncProgress: (listener) => bridge.onSyncProgress(listener),
    onConnectivityChanged: (listener) => bridge.onConnectivityChanged(listener),
    onExportProgress: (listener) => bridge.onExportProgress(listener),
    onCacheRemovalProgress: (listener) => bridge.onCacheRemovalProgress(listener),
    onBackendRestarted: (listener) => bridge.onBackendRestarted(listener),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    onVerdictProgress: (listener) => bridge.onVerdictProgress(listener),
    onProfileFetchProgress: (listener) => bridge.onProfileFetchProgress(listener),
  };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
