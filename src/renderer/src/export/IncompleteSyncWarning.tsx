/**
 * Before an export: a warning that the emailing's last sync did not finish, so the file will hold
 * only the clicks cached so far. The backend decides (export/completeness.ts) and words it; the
 * question is asked again whenever the cache changes, so a refresh that completes removes it.
 */
import { useCallback } from 'react';
import type { ApiClient } from '../api';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { Notice } from '../ui/Notice';

/** What the window adds to the backend's warning. */
export const refreshAdvice = 'Refresh the emailing to complete it.';

export function IncompleteSyncWarning({ client, emailingKey }: { client: ApiClient; emailingKey: number }) {
  const load = useCallback(() => client.getSyncCompleteness({ emailingKey }), [client, emailingKey]);
  const { value } = useLiveQuery(client, load);
  if (!value?.warning) return null;
  return (
    <div className="export-incomplete" data-testid="export-incomplete">
      <Notice tone="warning">
        {value.warning} {refreshAdvice}
      </Notice>
    </div>
  );
}
