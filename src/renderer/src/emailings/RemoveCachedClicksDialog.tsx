import { useEffect, useState } from 'react';
import { useApi } from '../ApiProvider';
import type { CacheRemovalProgress } from '../../../shared/contract';
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import { formatCount } from '../format';
import { ConfirmRemovalDialog } from '../ui/ConfirmRemovalDialog';

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
  const [progress, setProgress] = useState<CacheRemovalProgress | null>(null);

  useEffect(
    () =>
      api.onCacheRemovalProgress((event) => {
        if (event.emailingKey === emailing.key) setProgress(event);
      }),
    [api, emailing.key],
  );

  const subject = emailing.subject ?? 'No subject';
  return (
    <ConfirmRemovalDialog
      title={`Remove the cached clicks of “${subject}”?`}
      confirmLabel="Remove cached clicks"
      failureMessage="The cached clicks could not be removed."
      lockWhileRemoving
      remove={() => api.removeCachedClicks({ emailingKey: emailing.key })}
      onClose={onClose}
      onRemoved={onRemoved}
    >
      {(removing) => (
        <>
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
        </>
      )}
    </ConfirmRemovalDialog>
  );
}
