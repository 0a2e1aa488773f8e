import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api';
import { type AppErrorShape, toErrorShape } from '../../../shared/errors';

export interface LiveQuery<T> {
  /** The last answer to this query; kept while a reload runs or after it fails, so nothing goes blank. */
  value: T | null;
  /** Why the last load failed, if it did. */
  error: AppErrorShape | null;
  /** A load the user asked for (first load, Try again) is running. */
  loading: boolean;
  reload: () => void;
}

interface State<T> {
  value: T | null;
  error: AppErrorShape | null;
  loading: boolean;
  /** Which query the value answers: a value of the previous account must not show under the next one. */
  for: unknown;
}

/**
 * Runs `load` now, again whenever the cache says it changed (a sync here, or the command-line
 * tool writing to the same file), and when `reload` is called. Pass a `load` that is stable for
 * as long as the question is the same (useCallback).
 */
export function useLiveQuery<T>(api: ApiClient, load: () => Promise<T>): LiveQuery<T> {
  const [state, setState] = useState<State<T>>({ value: null, error: null, loading: true, for: load });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let disposed = false;
    // Loads overlap when events arrive in a burst; only the answer to the newest one counts.
    let newest = 0;
    const run = () => {
      const ticket = ++newest;
      const current = () => !disposed && ticket === newest;
      load().then(
        (value) => current() && setState({ value, error: null, loading: false, for: load }),
        (cause: unknown) =>
          current() &&
          setState((previous) => ({
            value: previous.for === load ? previous.value : null,
            error: toErrorShape(cause),
            loading: false,
            for: load,
          })),
      );
    };
    run();
    const unsubscribe = api.onCacheChanged(run);
    return () => {
      disposed = true;
      unsubscribe();
    };
  }, [api, load, reloads]);

  const reload = useCallback(() => {
    setState((previous) => ({ ...previous, loading: true }));
    setReloads((count) => count + 1);
  }, []);

  const fresh = state.for === load;
  return {
    value: fresh ? state.value : null,
    error: fresh ? state.error : null,
    loading: fresh ? state.loading : true,
    reload,
  };
}
