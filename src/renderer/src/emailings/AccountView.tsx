import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useApi } from '../ApiProvider';
import { EmailingDetail } from '../detail/EmailingDetail';
import { ComparisonView } from '../report/ComparisonView';
import { type AppErrorShape, toErrorShape } from '../../../shared/errors';
import type { Account, TokenStatus } from '../../../shared/schemas/accounts';
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import { formatCount } from '../format';
import { useDebounced } from '../hooks/useDebounced';
import { useQuery } from '../hooks/useQuery';
import { useWindowTitle } from '../hooks/useWindowTitle';
import { useFocusOnMount } from '../hooks/useFocusOnMount';
import { isShown, useAppCommand } from '../commands/AppCommands';
import type { RunningSyncs } from '../hooks/useSyncProgress';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Notice } from '../ui/Notice';
import { EmailingsTable } from './EmailingsTable';
import { ProductFilter } from './ProductFilter';
import type { Product } from '../../../shared/schemas/product';
import { RemoveCachedClicksDialog } from './RemoveCachedClicksDialog';
import './emailings.css';

interface Props {
  account: Account;
  running: RunningSyncs;
  offline: boolean;
  /** A call failed because Copernica could not be reached; the offline banner says so, once. */
  onUnreachable: () => void;
  onEdit: () => void;
  onRemove: () => void;
}

/** Errors that mean "no network": the offline banner covers them, so they are not repeated here. */
const networkCodes = new Set<AppErrorShape['code']>(['unreachable', 'timeout']);

/** One account: its emailings, searchable, with tracking and refreshing; or one emailing opened. */
/** What the account view says about a token it cannot use, and the button that fixes it. */
const tokenNotices: Partial<
  Record<TokenStatus, { tone: 'error' | 'warning'; action: string; text: string }>
> = {
  rejected: {
    tone: 'error',
    action: 'Enter a new token',
    text: 'Copernica refused this account’s access token. The cached data stays browsable; enter a new token to refresh it.',
  },
  missing: {
    tone: 'warning',
    action: 'Add a token',
    text: 'The app has no access token for this account. Its cached data is browsable; add a token to refresh it from here.',
  },
};

export function AccountView({ account, running, offline, onUnreachable, onEdit, onRemove }: Props) {
  const api = useApi();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 250);
  const [product, setProduct] = useState<Product | undefined>(undefined);
  const [opened, setOpened] = useState<EmailingListItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fetching, setFetching] = useState(false);
  const [removingCached, setRemovingCached] = useState<EmailingListItem | null>(null);
  const [comparing, setComparing] = useState<ReadonlySet<number>>(new Set());
  const [comparisonOpen, setComparisonOpen] = useState(false);
  const returnFocusTo = useRef<number | null>(null);
  const searchId = useId();

  const list = useQuery(
    ['emailings', account.id, query, product ?? 'all'],
    () =>
      api.listEmailings({
        accountId: account.id,
        ...(query === '' ? {} : { search: query }),
        ...(product === undefined ? {} : { product }),
      }),
    { refetchOnCacheChange: true },
  );
  // A switch flipped here shows its new state at once, until the next answer of the list says.
  const [flipped, setFlipped] = useState<{ list: EmailingListItem[] | null; tracked: Map<number, boolean> }>({
    list: null,
    tracked: new Map(),
  });
  const emailings =
    list.data !== null && flipped.list === list.data
      ? list.data.map((emailing) => {
          const tracked = flipped.tracked.get(emailing.key);
          return tracked === undefined ? emailing : { ...emailing, tracked };
        })
      : list.data;

  const report = useCallback(
    (cause: unknown) => {
      const error = toErrorShape(cause);
      if (networkCodes.has(error.code)) onUnreachable();
      else setNotice(error.message);
    },
    [onUnreachable],
  );

  async function run(action: () => Promise<unknown>) {
    setNotice(null);
    try {
      await action();
    } catch (cause) {
      report(cause);
    }
  }

  async function fetchList() {
    setFetching(true);
    await run(() => api.refreshEmailingList({ accountId: account.id }));
    setFetching(false);
    list.reload();
  }

  const canFetch = account.tokenStatus === 'ok';
  const trackedCount = emailings?.filter((emailing) => emailing.tracked).length ?? account.trackedCount;
  const refreshTracked = () =>
    void run(() => api.syncEmailings({ accountId: account.id })).finally(list.reload);
  const searchInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnMount(heading);
  // The open emailing answers these itself (EmailingDetail registers later, so it wins).
  useAppCommand('refresh', refreshTracked, () => canFetch && trackedCount > 0);
  useAppCommand(
    'find',
    () => searchInput.current?.focus(),
    () => isShown(searchInput.current),
  );
  useWindowTitle(opened ? null : [account.label]);

  // Back from an emailing puts the focus on its row again, as a list would.
  useEffect(() => {
    if (opened !== null || returnFocusTo.current === null) return;
    document.querySelector<HTMLElement>(`tr[data-emailing-key="${returnFocusTo.current}"]`)?.focus();
    returnFocusTo.current = null;
  }, [opened]);

  if (comparisonOpen) {
    const keys = (emailings ?? []).filter((e) => comparing.has(e.key)).map((e) => e.key);
    return <ComparisonView account={account} emailingKeys={keys} onBack={() => setComparisonOpen(false)} />;
  }

  if (opened) {
    // The list's newer copy of the emailing, when there is one (clicks, refresh time, tracking).
    const current = emailings?.find((emailing) => emailing.key === opened.key) ?? opened;
    return (
      <EmailingDetail
        account={account}
        emailing={current}
        progress={running.get(current.key)}
        offline={offline}
        onChanged={list.reload}
        onBack={() => {
          returnFocusTo.current = opened.key;
          setOpened(null);
        }}
      />
    );
  }

  const tokenNotice = tokenNotices[account.tokenStatus];
  return (
    <section className="panel account-panel" aria-labelledby="account-title">
      <div className="panel-header">
        <div className="account-heading">
          <h2 id="account-title" ref={heading} tabIndex={-1}>
            {account.label}
            {account.isDemo && <span className="badge badge-demo">Demo</span>}
          </h2>
          <p className="account-facts">
            {account.remoteName && <span>Copernica account {account.remoteName}</span>}
            <span>REST {account.apiVersion}</span>
            <span>{account.timeZone.replaceAll('_', ' ')}</span>
            <span>
              {formatCount(query === '' && emailings ? emailings.length : account.emailingCount)} emailings,{' '}
              {formatCount(trackedCount)} tracked
            </span>
          </p>
        </div>
        <div className="panel-actions">
          <button type="button" className="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="button button-danger-quiet" onClick={onRemove}>
            Remove…
          </button>
        </div>
      </div>

      {tokenNotice && (
        <Notice
          tone={tokenNotice.tone}
          action={
            <button type="button" className="button" onClick={onEdit}>
              {tokenNotice.action}
            </button>
          }
        >
          {tokenNotice.text}
        </Notice>
      )}

      <div className="toolbar">
        <div className="search">
          <label htmlFor={searchId} className="visually-hidden">
            Search emailings
          </label>
          <svg className="search-icon" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="11" cy="11" r="6" />
            <path d="m20 20-4.5-4.5" />
          </svg>
          <input
            ref={searchInput}
            id={searchId}
            type="search"
            className="input search-input"
            placeholder="Search by subject or emailing ID"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <ProductFilter value={product} onChange={setProduct} />
        {emailings && (
          <span className="toolbar-count" aria-live="polite">
            {query === '' && product === undefined
              ? `${formatCount(emailings.length)} emailings`
              : `${formatCount(emailings.length)} matching`}
          </span>
        )}
        <div className="toolbar-spacer" />
        {comparing.size > 0 && (
          <button
            type="button"
            className="button"
            disabled={comparing.size < 2}
            title={comparing.size < 2 ? 'Choose at least two emailings to compare' : undefined}
            onClick={() => setComparisonOpen(true)}
          >
            Compare {comparing.size}
          </button>
        )}
        <button type="button" className="button" onClick={fetchList} disabled={fetching || !canFetch}>
          {fetching ? 'Fetching…' : 'Fetch emailing list'}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={trackedCount === 0 || !canFetch}
          title={trackedCount === 0 ? 'Track an emailing first' : undefined}
          onClick={refreshTracked}
        >
          Refresh all tracked
        </button>
      </div>

      {notice && (
        <Notice tone="error" onDismiss={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      {list.error && (
        <LoadError
          title="Could not load the emailings of this account."
          error={list.error}
          onRetry={list.reload}
          retrying={list.loading}
        />
      )}

      {emailings === null ? (
        !list.error && (
          <p className="loading" role="status">
            Loading emailings…
          </p>
        )
      ) : emailings.length > 0 ? (
        <EmailingsTable
          emailings={emailings}
          running={running}
          offline={offline}
          refreshable={canFetch}
          onOpen={setOpened}
          onTrack={(emailing, tracked) => {
            setFlipped((previous) => ({
              list: list.data,
              tracked: new Map(previous.list === list.data ? previous.tracked : []).set(
                emailing.key,
                tracked,
              ),
            }));
            void run(() => api.setTracked({ emailingKey: emailing.key, tracked })).finally(list.reload);
          }}
          onRefresh={(emailing) =>
            void run(() => api.syncEmailings({ emailingKeys: [emailing.key] })).finally(list.reload)
          }
          onCancel={(emailing) => run(() => api.cancelSync({ emailingKey: emailing.key }))}
          onRemoveCached={setRemovingCached}
          selected={comparing}
          onSelect={(emailing, chosen) =>
            setComparing((previous) => {
              const next = new Set(previous);
              if (chosen) next.add(emailing.key);
              else next.delete(emailing.key);
              return next;
            })
          }
        />
      ) : query !== '' ? (
        <EmptyState icon="search" title={`No emailing matches “${query}”.`}>
          Search looks in subjects and emailing IDs. Fetch the emailing list if the emailing was sent
          recently.
        </EmptyState>
      ) : (
        <EmptyState
          icon="mail"
          title="No emailings fetched yet."
          actions={
            <button
              type="button"
              className="button button-primary"
              onClick={fetchList}
              disabled={fetching || !canFetch}
            >
              {fetching ? 'Fetching…' : 'Fetch emailing list'}
            </button>
          }
        >
          Fetch this account’s Publisher emailings from Copernica, then switch on tracking for the ones you
          report on: their clicks are cached for offline use.
        </EmptyState>
      )}
      {removingCached && (
        <RemoveCachedClicksDialog
          emailing={removingCached}
          onClose={() => setRemovingCached(null)}
          onRemoved={() => {
            setRemovingCached(null);
            list.reload();
          }}
        />
      )}
    </section>
  );
}
