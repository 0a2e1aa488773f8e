import type { SyncProgress } from '../../../shared/contract';
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import { formatCount } from '../format';
import { ErrorDetails } from './ErrorDetails';
import { syncErrorAdvice } from './syncErrorAdvice';

interface Props {
  emailing: EmailingListItem;
  /** The running sync's last progress event, if one arrived. */
  progress: SyncProgress | undefined;
  onCancel: () => void;
  /** Refreshes again after a failure; absent while the emailing cannot be refreshed. */
  onRetry?: (() => void) | undefined;
}

/** A running sync as a bar with Cancel; otherwise the last error, in red, or how the cache stands. */
export function SyncStatus({ emailing, progress, onCancel, onRetry }: Props) {
  const subject = emailing.subject?.trim() || `emailing ${emailing.emailingId}`;
  // Listed as syncing without an event yet: waiting for its turn behind other emailings. Nothing
  // moves, so no bar moves either.
  if (!progress && emailing.syncing) {
    return (
      <div className="sync-status">
        <div className="sync-line">
          <span className="status status-pending" title="Waits for the refreshes before it to finish">
            Queued
          </span>
          <CancelButton subject={subject} onCancel={onCancel} />
        </div>
      </div>
    );
  }
  if (progress) {
    const rows = progress.rows;
    const total = progress.total;
    const percent = total ? Math.min(100, Math.floor((rows / total) * 100)) : null;
    const text =
      total === null
        ? rows === 0
          ? 'Starting…'
          : `${formatCount(rows)} clicks`
        : `${formatCount(rows)} / ${formatCount(total)}`;
    // Clicks the server sent with an invalid ID or no time are not stored, and never silently.
    const refused = progress.rejected ? ` · ${formatCount(progress.rejected)} refused as invalid` : '';
    const valueText =
      percent === null || total === null
        ? text
        : `${percent}%, ${formatCount(rows)} of ${formatCount(total)} clicks`;
    return (
      <div className="sync-status">
        <div className="sync-line">
          <div
            className={percent === null ? 'progress indeterminate' : 'progress'}
            role="progressbar"
            aria-label={`Refreshing ${subject}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={valueText}
          >
            <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
          </div>
          <span className="progress-percent">{percent === null ? '' : `${percent}%`}</span>
        </div>
        <div className="sync-line">
          <span className="progress-text">
            {text}
            {refused}
          </span>
          <CancelButton subject={subject} onCancel={onCancel} />
        </div>
      </div>
    );
  }
  if (emailing.lastError !== null) {
    const advice = syncErrorAdvice(emailing.lastErrorCode);
    return (
      <div className="sync-error">
        <span className="status-error">{advice.what}</span>
        <span className="sync-error-todo">{advice.todo}</span>
        <div className="sync-error-actions">
          {onRetry && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Retry refreshing ${subject}`}
              onClick={onRetry}
            >
              Retry
            </button>
          )}
          <ErrorDetails text={emailing.lastError} />
        </div>
      </div>
    );
  }
  if (!emailing.tracked) return <span className="muted">Not tracked</span>;
  if (emailing.lastRefreshedAt === null)
    return <span className="status status-pending">Not refreshed yet</span>;
  if (emailing.rejectedClicks)
    return (
      <span
        className="status ok"
        title="Copernica sent clicks with an invalid ID or without a time; they were not stored."
      >
        Up to date · {formatCount(emailing.rejectedClicks)} refused as invalid
      </span>
    );
  return <span className="status ok">Up to date</span>;
}

/** The one Cancel of a refresh, queued or running: named by the emailing, for screen readers. */
function CancelButton({ subject, onCancel }: { subject: string; onCancel: () => void }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={onCancel}
      aria-label={`Cancel refreshing ${subject}`}
    >
      Cancel
    </button>
  );
}
