import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api';
import type { CachedEmailing } from '../../../shared/contract';
import { type AppErrorShape, toErrorShape } from '../../../shared/errors';

export interface CachedEmailingsState {
  /** The last list we received; kept while a reload runs or after it fails, so the window never goes blank. */
  emailings: CachedEmailing[] | null;
  /** Why the last load failed, if it did. */
  error: AppErrorShape | null;
  /** A load the user asked for (first load, Reload, Try again) is running. */
  loading: boolean;
  reload: () => void;
}

/**
 * The cached emailings, reloaded whenever the cache says it changed (a sync in the app, or the
 * command-line tool writing to the same file).
 */
export function useCachedEmailings(api: ApiClient): CachedEmailingsState {
  const [emailings, setEmailings] = useState<CachedEmailing[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let disposed = false;
    // Loads overlap when events arrive in a burst; only the answer to the newest one counts.
    let newest = 0;
    const load = () => {
      const ticket = ++newest;
      const current = () => !disposed && ticket === newest;
      api.listCachedEmailings().then(
        (value) => {
          if (!current()) return;
          setEmailings(value);
          setError(null);
          setLoading(false);
        },
        (cause: unknown) => {
          if (!current()) return;
          setError(toErrorShape(cause));
          setLoading(false);
        },
      );
    };
    load();
    const unsubscribe = api.onCacheChanged(load);
    return () => {
      disposed = true;
      unsubscribe();
    };
  }, [api, reloads]);

  const reload = useCallback(() => {
    setLoading(true);
    setReloads((count) => count + 1);
  }, []);

  return { emailings, error, loading, reload };
}
