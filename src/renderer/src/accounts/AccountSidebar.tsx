import type { Account } from '../../../shared/schemas/accounts';
import { formatRelative } from '../format';
import { useNow } from '../hooks/useNow';
import { moveFocusWithArrows } from '../ui/listKeys';
import './accounts.css';

/** "Fietsenwinkel B.V." → "FB": what an account is called in the narrow window's icon rail. */
export function initialsOf(label: string): string {
  const words = label.match(/[\p{L}\p{N}]+/gu) ?? [];
  return (
    words
      .slice(0, 2)
      .map((word) => Array.from(word)[0]!.toUpperCase())
      .join('') || '?'
  );
}

interface Props {
  accounts: Account[] | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onAdd: () => void;
  onExploreSample: () => void;
  creatingSample: boolean;
}

export function AccountSidebar({
  accounts,
  selectedId,
  onSelect,
  onAdd,
  onExploreSample,
  creatingSample,
}: Props) {
  const now = useNow(30_000);
  const hasDemo = accounts?.some((account) => account.isDemo) ?? false;
  return (
    <nav className="sidebar" aria-label="Accounts">
      <div className="sidebar-header">
        <h2 className="section-label">Accounts</h2>
        <button type="button" className="button button-small" onClick={onAdd}>
          <svg className="button-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 5v14M5 12h14" />
          </svg>
          <span className="sidebar-text">Add account</span>
        </button>
      </div>
      {accounts !== null && accounts.length > 0 && (
        <ul className="account-list" onKeyDown={moveFocusWithArrows('.account-item')}>
          {accounts.map((account) => (
            <li key={account.id}>
              <button
                type="button"
                className="account-item"
                aria-current={account.id === selectedId ? 'true' : undefined}
                data-account-id={account.id}
                title={account.label}
                onClick={() => onSelect(account.id)}
              >
                {/* Below about 1200 px the sidebar is an icon rail: the initials stand for the name. */}
                <span className="account-initials" aria-hidden="true">
                  {initialsOf(account.label)}
                </span>
                <span className="account-line">
                  <span className="account-label">{account.label}</span>
                  {account.isDemo && <span className="badge badge-demo">Demo</span>}
                </span>
                {account.tokenStatus === 'rejected' && (
                  <span className="badge badge-danger">Needs a new token</span>
                )}
                {account.tokenStatus === 'missing' && <span className="badge badge-warning">No token</span>}
                <span className="account-meta">
                  {account.lastRefreshedAt === null
                    ? 'Never refreshed'
                    : `Refreshed ${formatRelative(account.lastRefreshedAt, now)}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {accounts !== null && accounts.length === 0 && <p className="sidebar-empty">No accounts yet.</p>}
      {!hasDemo && (
        <div className="sidebar-footer">
          <button
            type="button"
            className="button button-ghost"
            onClick={onExploreSample}
            disabled={creatingSample}
          >
            <svg className="button-icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M9 3h6M10 3v6l-5 9a2 2 0 0 0 1.7 3h10.6a2 2 0 0 0 1.7-3l-5-9V3" />
            </svg>
            <span className="sidebar-text">
              {creatingSample ? 'Preparing sample data…' : 'Explore sample data'}
            </span>
          </button>
        </div>
      )}
    </nav>
  );
}
