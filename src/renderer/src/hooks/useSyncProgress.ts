import { useEffect, useState } from 'react';
import { useApi } from '../ApiProvider';
import type { SyncProgress } from '../../../shared/contract';

/** The syncs running now, by emailing key, as the backend reports them; a finished one drops out. */
export type RunningSyncs = ReadonlyMap<number, SyncProgress>;

const finished = new Set<SyncProgress['phase']>(['done', 'failed', 'cancelled']);

export function useSyncProgress(): RunningSyncs {
  const api = useApi();
  const [running, setRunning] = useState<RunningSyncs>(() => new Map());
  useEffect(
    () =>
      api.onSyncProgress((progress) => {
        const key = progress.emailingKey;
        // A sync the command-line tool runs has no key in this window's list; the cache event covers it.
        if (key === null) return;
        setRunning((previous) => {
          const next = new Map(previous);
          if (finished.has(progress.phase)) next.delete(key);
          else next.set(key, progress);
          return next;
        });
      }),
    [api],
  );
  return running;
}
