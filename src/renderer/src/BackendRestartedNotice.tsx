import { useEffect, useState } from 'react';
import { useApi } from './ApiProvider';
import { Notice } from './ui/Notice';

/**
 * When the backend last restarted, as main reported it; null until it does. The worker died
 * under what the window asked (a refresh, an export), so the window says so rather than leave a
 * failed action unexplained.
 */
export function useBackendRestarted(): { restartedAt: string | null; dismiss: () => void } {
  const api = useApi();
  const [restartedAt, setRestartedAt] = useState<string | null>(null);
  useEffect(() => api.onBackendRestarted(({ at }) => setRestartedAt(at)), [api]);
  return { restartedAt, dismiss: () => setRestartedAt(null) };
}

export function BackendRestartedNotice({ onDismiss }: { onDismiss: () => void }) {
  return (
    <Notice tone="warning" onDismiss={onDismiss}>
      The background worker stopped and was started again. What it was doing was interrupted; try it again.
      The details are in the log.
    </Notice>
  );
}
