/**
 * Before an export: a warning that the emailing's last sync did not finish, so the file will hold
 * only the clicks cached so far. The backend decides (export/completeness.ts) and words it; the
 * question is asked again whenever the cache changes, so a refresh that completes removes it.
 */
import { useApi } from '../ApiProvider';
import { useQuery } from '../hooks/useQuery';
import { Notice } from '../ui/Notice';

/** What the window adds to the backend's warning. */
export const refreshAdvice = 'Refresh the emailing to complete it.';

export function IncompleteSyncWarning({ emailingKey }: { emailingKey: number }) {
  const api = useApi();
  const { data } = useQuery(
    ['syncCompleteness', emailingKey],
    () => api.getSyncCompleteness({ emailingKey }),
    {
      refetchOnCacheChange: true,
    },
  );
  if (!data?.warning) return null;
  return (
    <div className="export-incomplete" data-testid="export-incomplete">
      <Notice tone="warning">
        {data.warning} {refreshAdvice}
      </Notice>
    </div>
  );
}
