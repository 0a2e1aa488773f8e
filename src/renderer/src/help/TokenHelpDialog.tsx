/** Help ▸ Where to find an API token: the steps in Copernica, and its page for tokens. */
import { useApi } from '../ApiProvider';
import { Dialog } from '../ui/Dialog';

/** Where Copernica's dashboard lists and creates access tokens (REST v3 and v4). */
export const accessTokensPage = 'https://ms.copernica.com/#/admin/account/access-tokens';

export function TokenHelpDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  return (
    <Dialog title="Where to find an API token" onClose={onClose}>
      <div className="dialog-body">
        <ol className="help-steps">
          <li>Sign in to Copernica with an account that may manage access tokens.</li>
          <li>
            Open the account’s <strong>Access tokens</strong> page (Admin ▸ Account ▸ Access tokens).
          </li>
          <li>
            Create a token for Copernica Clicks. A token marked “only available for API v4” works only with
            the REST v4 option of an account.
          </li>
          <li>
            Copy the token into File ▸ Add account… It is kept in your system’s keychain, never in the cache.
          </li>
        </ol>
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void api.openExternal({ url: accessTokensPage })}
          >
            Open Copernica’s access tokens page
          </button>
        </p>
      </div>
    </Dialog>
  );
}
