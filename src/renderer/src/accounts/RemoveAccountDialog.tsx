import { useState } from 'react';
import { useApi } from '../ApiProvider';
import { AppError } from '../../../shared/errors';
import type { Account } from '../../../shared/schemas/accounts';
import { formatCount } from '../format';
import { Dialog } from '../ui/Dialog';
import { Notice } from '../ui/Notice';

interface Props {
  account: Account;
  onClose: () => void;
  onRemoved: () => void;
}

/** Says exactly what goes: the token, the emailing list and every cached click of this account. */
export function RemoveAccountDialog({ account, onClose, onRemoved }: Props) {
  const api = useApi();
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setRemoving(true);
    setError(null);
    try {
      await api.removeAccount({ id: account.id });
      onRemoved();
    } catch (cause) {
      setError(cause instanceof AppError ? cause.message : 'The account could not be removed.');
      setRemoving(false);
    }
  }

  const emailings = formatCount(account.emailingCount);
  return (
    <Dialog title={`Remove ${account.label}?`} onClose={onClose} size="narrow">
      <div className="dialog-body">
        <p>This deletes from this computer:</p>
        <ul className="remove-list">
          <li>the account “{account.label}” and its stored access token,</li>
          <li>
            its list of {emailings} {account.emailingCount === 1 ? 'emailing' : 'emailings'}
            {account.trackedCount === 0 ? '.' : ', and'}
          </li>
          {account.trackedCount > 0 && (
            <li>
              the cached clicks and profiles of its {formatCount(account.trackedCount)} tracked{' '}
              {account.trackedCount === 1 ? 'emailing' : 'emailings'}.
            </li>
          )}
        </ul>
        <p className="muted">Nothing changes at Copernica. You can add the account again later.</p>
        {error && <Notice tone="error">{error}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={remove} disabled={removing}>
            {removing ? 'Removing…' : 'Remove account'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
