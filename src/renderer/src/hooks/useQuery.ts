/**
 * The one way the window loads data: `load` runs for the question `key` names, again when the
 * key changes, when `reload` is called, and (with `refetchOnCacheChange`) whenever the cache says
 * it changed (a sync here, or the command-line tool writing to the same file). The newest
 * request wins; a failure is the contract's error shape. The rules live in queryStore.ts.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useApi } from '../ApiProvider';
import { QueryStore, type QueryResult, resultFor, type Subscribe } from './queryStore';

export interface QueryOptions {
  /** Load again whenever the bridge reports that the cache changed. */
  refetchOnCacheChange?: boolean;
  /** While a new key loads, keep showing the last answer instead of nothing. */
  keepPrevious?: boolean;
}

export interface Query<T> extends QueryResult<T> {
  reload: () => void;
}

/** `key` lists everything the answer depends on; `load` may be a new function on every render. */
export function useQuery<T>(
  key: readonly unknown[],
  load: () => Promise<T>,
  { refetchOnCacheChange = false, keepPrevious = false }: QueryOptions = {},
): Query<T> {
  const api = useApi();
  const [store] = useState(() => new QueryStore<T>());
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const keyText = JSON.stringify(key);
  // The load of the latest render: the key, not the function's identity, says when to ask again.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  useEffect(() => {
    const refetchOn: Subscribe | undefined = refetchOnCacheChange
      ? (listener) => api.onCacheChanged(listener)
      : undefined;
    return store.follow(keyText, () => loadRef.current(), refetchOn);
  }, [store, api, keyText, refetchOnCacheChange]);

  return { ...resultFor(state, keyText, keepPrevious), reload: store.reload };
}
