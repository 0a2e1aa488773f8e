import { useEffect, useState } from 'react';
import { useApi } from '../ApiProvider';
import type { CacheRemovalProgress } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import { formatCount } from '../format';
import { Dialog } from '../ui/Dialog';
import { Notice } from '../ui/Notice';

interface Props {
  emailing: EmailingListItem;
  onClose: () => void;
  onRemoved: () => void;
}

/**
 * Confirms "Remove cached clicks" and shows how far the removal is: the clicks a step at a time,
 * then the compaction of the file, which is one step however long it takes.
 */
export function RemoveCachedClicksDialog({ emailing, onClose, onRemoved }: Props) {
  const api = useApi();
  const [removing, setRemoving] = useState(false);
  const [progress, setProgress] = useState<CacheRemovalProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      api.onCacheRemovalProgress((event) => {
        if (event.emailingKey === emailing.key) setProgress(event);
      }),
    [api, emailing.key],
  );

  async function remove() {
    setRemoving(true);
    setError(null);
    try {
      await api.removeCachedClicks({ emailingKey: emailing.key });
      onRemoved();
    } catch (cause) {
      setError(cause instanceof AppError ? cause.message : 'The cached clicks could not be removed.');
      setRemoving(false);
    }
  }

  const subject = emailing.subject ?? 'No subject';
  return (
    <Dialog
      title={`Remove the cached clicks of “${subject}”?`}
      onClose={removing ? () => undefined : onClose}
      size="narrow"
    >
      <div className="dialog-body">
        <p>
          This deletes from this computer the {formatCount(emailing.clickCount)} cached clicks of emailing{' '}
          {emailing.emailingId}, its links and totals, and the cached profiles no other emailing refers to.
          The file is then compacted, so nothing of them stays readable in it.
        </p>
        <p className="muted">
          The emailing stays in the list, untracked. Nothing changes at Copernica: track or refresh it to
          fetch its clicks again.
        </p>
        {removing && (
          <p role="status" aria-live="polite">
            {progress === null || progress.phase === 'deleting'
              ? `Removing… ${formatCount(progress?.removed ?? 0)} of ${formatCount(progress?.total ?? emailing.clickCount)} clicks`
              : 'Compacting the cache file…'}
          </p>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={removing} autoFocus>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={remove} disabled={removing}>
            {removing ? 'Removing…' : 'Remove cached clicks'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
