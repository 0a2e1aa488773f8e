import type { Account } from '../../shared/schemas/accounts';
import { formatLocalInstant, formatRelative } from './format';
import { useNow } from './hooks/useNow';

/** Calm, once, above everything: the data is still here, and what will happen when the network returns. */
export function OfflineBanner({ accounts }: { accounts: Account[] }) {
  const now = useNow(30_000);
  const latest = accounts
    .map((account) => account.lastRefreshedAt)
    .filter((at): at is string => at !== null)
    .sort()
    .at(-1);
  return (
    <div className="offline-banner" role="status">
      <svg className="offline-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M2 8.8a15 15 0 0 1 4.2-2.6M10.7 5.1A15 15 0 0 1 22 8.8M5 12.5a10 10 0 0 1 5.2-2.6M16.8 10.6a10 10 0 0 1 2.2 1.9M8.5 16a5 5 0 0 1 7 0M12 20h.01M3 3l18 18" />
      </svg>
      <p>
        <strong>Offline</strong> — showing cached data;{' '}
        {latest ? (
          <>
            last refreshed{' '}
            <time dateTime={latest} title={formatLocalInstant(latest)}>
              {formatRelative(latest, now)}
            </time>
          </>
        ) : (
          'nothing refreshed yet'
        )}
        ; will refresh when the network returns.
      </p>
    </div>
  );
}
