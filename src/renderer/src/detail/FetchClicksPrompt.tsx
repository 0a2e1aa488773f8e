/**
 * An emailing opened before any of its clicks are on this computer: instead of six empty views,
 * what is missing and the one step that fetches it ("Track and fetch clicks"), then the fetch's
 * progress with Cancel, then the views once the first refresh wrote its clicks.
 */
import type { ReactNode } from 'react';
import type { SyncProgress } from '../../../shared/contract';
import type { Account } from '../../../shared/schemas/accounts';
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import { formatCount } from '../format';

interface Props {
  account: Account;
  emailing: EmailingListItem;
  progress: SyncProgress | undefined;
  offline: boolean;
  /** Why the last request to start failed, in words. */
  error: string | null;
  onFetch(): void;
  onCancel(): void;
}

/** Nothing cached and never refreshed: the views would have nothing to show. */
export function nothingCached(emailing: EmailingListItem): boolean {
  return emailing.clickCount === 0 && emailing.lastRefreshedAt === null;
}

export function FetchClicksPrompt({ account, emailing, progress, offline, error, onFetch, onCancel }: Props) {
  const reported = emailing.reportedClicks;
  const running = progress !== undefined || emailing.syncing;
  const canFetch = account.tokenStatus === 'ok';

  let body: ReactNode;
  if (running) {
    const rows = progress?.rows ?? 0;
    const total = progress?.total ?? reported;
    const percent = total ? Math.min(100, Math.floor((rows / total) * 100)) : null;
    const text = !progress
      ? 'Waiting for the refreshes before it…'
      : total
        ? `${formatCount(rows)} of ${formatCount(total)} clicks`
        : `${formatCount(rows)} clicks`;
    body = (
      <>
        <div className="fetch-progress">
          <div
            className={percent === null ? 'progress indeterminate' : 'progress'}
            role="progressbar"
            aria-label="Fetching the clicks"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={percent === null ? text : `${percent}%, ${text}`}
          >
            <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
          </div>
          <span className="progress-text" data-testid="fetch-progress-text">
            {text}
          </span>
        </div>
        <p className="muted">The views open here as soon as the clicks are in. You can go back meanwhile.</p>
        <div className="empty-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p>
          {reported === null
            ? 'Copernica has clicks for this emailing that are not on this computer yet.'
            : reported === 0
              ? 'Copernica reports no clicks for this emailing yet; fetching keeps it up to date as they come.'
              : `Copernica reports ${formatCount(reported)} clicks for this emailing; none of them are on this computer yet.`}{' '}
          {emailing.tracked
            ? 'The emailing is tracked; fetch its clicks now to explore them, also offline.'
            : 'Track it to fetch its clicks now and refresh them at every launch; they stay browsable offline.'}
        </p>
        {!canFetch && (
          <p className="muted">This account has no usable access token: add one (Edit) to fetch clicks.</p>
        )}
        {canFetch && offline && <p className="muted">Offline: fetching needs the network.</p>}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="empty-actions">
          <button type="button" className="button button-primary" disabled={!canFetch} onClick={onFetch}>
            {emailing.tracked ? 'Fetch clicks' : 'Track and fetch clicks'}
          </button>
        </div>
      </>
    );
  }

  return (
    <section
      className="empty-state fetch-prompt"
      aria-labelledby="fetch-prompt-title"
      data-testid="fetch-prompt"
    >
      <h3 id="fetch-prompt-title">{running ? 'Fetching the clicks…' : 'No clicks on this computer yet'}</h3>
      {body}
    </section>
  );
}
