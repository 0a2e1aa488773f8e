import { useApi } from '../ApiProvider';
import type { Account } from '../../../shared/schemas/accounts';
import { formatCount } from '../format';
import { ConfirmRemovalDialog } from '../ui/ConfirmRemovalDialog';

interface Props {
  account: Account;
  onClose: () => void;
  onRemoved: () => void;
}

/** Says exactly what goes: the token, the emailing list and every cached click of this account. */
export function RemoveAccountDialog({ account, onClose, onRemoved }: Props) {
  const api = useApi();
  const emailings = formatCount(account.emailingCount);
  return (
    <ConfirmRemovalDialog
      title={`Remove ${account.label}?`}
      confirmLabel="Remove account"
      failureMessage="The account could not be removed."
      remove={() => api.removeAccount({ id: account.id })}
      onClose={onClose}
      onRemoved={onRemoved}
    >
      {() => (
        <>
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
        </>
      )}
    </ConfirmRemovalDialog>
  );
}
