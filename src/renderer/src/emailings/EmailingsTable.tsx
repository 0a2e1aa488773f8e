import { type KeyboardEvent, type MouseEvent, useMemo, useState } from 'react';
import { type EmailingSort, type EmailingSortKey, nextSort, sortEmailings, subjectOf } from './emailingSort';
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import { formatRate, rateDefinitions } from '../../../shared/figures/rates';
import {
  formatCount,
  formatLocalInstant,
  formatLocalInstantShort,
  formatRelative,
  formatWallClock,
  formatWallClockParts,
} from '../format';
import type { RunningSyncs } from '../hooks/useSyncProgress';
import { useNow } from '../hooks/useNow';
import { moveFocusWithArrows } from '../ui/listKeys';
import { SyncStatus } from './SyncStatus';
import { ProductBadge } from './ProductFilter';
import { productLabels } from '../../../shared/schemas/product';

interface Props {
  emailings: EmailingListItem[];
  running: RunningSyncs;
  onOpen: (emailing: EmailingListItem) => void;
  onTrack: (emailing: EmailingListItem, tracked: boolean) => void;
  onRefresh: (emailing: EmailingListItem) => void;
  onCancel: (emailing: EmailingListItem) => void;
  /** Asks to remove an emailing's cached clicks (RemoveCachedClicksDialog confirms). */
  onRemoveCached: (emailing: EmailingListItem) => void;
  /** Refreshing needs the network; while offline the buttons say why they do nothing. */
  offline: boolean;
  /** False while the account has no usable token: there is nothing to refresh with. */
  refreshable: boolean;
  /** The emailings chosen to compare, by key. */
  selected: ReadonlySet<number>;
  onSelect: (emailing: EmailingListItem, selected: boolean) => void;
}

const moveRowFocus = moveFocusWithArrows('tr[data-emailing-key]');

/** The rates the list shows, from Copernica's statistics; the header's tooltip gives the formula. */
const listRates = rateDefinitions.filter((d) => d.id !== 'humanClickRate');

interface Header {
  label: string;
  className?: string;
  /** What the column means, on hover. */
  title?: string;
  /** Sortable by this key; absent for the switches and the status. */
  sortKey?: EmailingSortKey;
}

/** The table's columns, in order; the class sizes or aligns a column. */
const headers: Header[] = [
  { label: 'Compare', className: 'col-track' },
  { label: 'Tracked', className: 'col-track' },
  { label: 'Emailing', className: 'col-subject', sortKey: 'subject' },
  { label: 'Sent', className: 'col-sent', sortKey: 'sentAt' },
  { label: 'Destinations', className: 'numeric', sortKey: 'destinations' },
  {
    label: 'Reported clicks',
    className: 'numeric',
    sortKey: 'reportedClicks',
    title:
      'Reported clicks: what Copernica counts for this emailing, fetched with the emailing list. It includes clicks not yet on this computer.',
  },
  { label: 'Impressions', className: 'numeric', sortKey: 'impressions' },
  {
    label: 'Cached clicks',
    className: 'numeric',
    sortKey: 'clickCount',
    title:
      'Cached clicks: the clicks stored on this computer by the last refresh, which every view, export and report is made of, also offline. Track and refresh an emailing to cache its clicks.',
  },
  ...listRates.map((d) => ({
    label: d.label,
    className: 'numeric',
    title: `${d.label} = ${d.formula}`,
    sortKey: `rate:${d.id}` as const,
  })),
  { label: 'Last refreshed', sortKey: 'lastRefreshedAt' },
  { label: 'Status', className: 'col-status' },
];

export function EmailingsTable({
  emailings,
  running,
  onOpen,
  onTrack,
  onRefresh,
  onCancel,
  onRemoveCached,
  offline,
  refreshable,
  selected,
  onSelect,
}: Props) {
  const now = useNow(30_000);
  const [sort, setSort] = useState<EmailingSort | null>(null);
  const rows = useMemo(() => sortEmailings(emailings, sort), [emailings, sort]);

  function openFromRow(event: MouseEvent<HTMLTableRowElement>, emailing: EmailingListItem) {
    // Clicks on the row's own controls (the switch, Refresh, Cancel) do what those say.
    if ((event.target as HTMLElement).closest('button, input, label, a, .error-details')) return;
    onOpen(emailing);
  }

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, emailing: EmailingListItem) {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(emailing);
    }
  }

  return (
    <div className="table-scroll">
      <table className="emailings">
        <thead>
          <tr>
            {headers.map(({ label, className, title, sortKey }) => {
              const sorted = sortKey !== undefined && sort?.key === sortKey ? sort.direction : undefined;
              return (
                <th key={label} scope="col" className={className} aria-sort={sorted}>
                  {sortKey === undefined ? (
                    label
                  ) : (
                    <button
                      type="button"
                      className="sort-header"
                      title={title}
                      onClick={() => setSort((current) => nextSort(current, sortKey))}
                    >
                      {label}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={moveRowFocus}>
          {rows.map((emailing) => {
            const subject = subjectOf(emailing) ?? 'No subject';
            const progress = running.get(emailing.key);
            const syncing = progress !== undefined || emailing.syncing;
            return (
              <tr
                key={emailing.key}
                tabIndex={0}
                data-emailing-key={emailing.key}
                data-emailing-id={emailing.emailingId}
                data-product={emailing.product ?? 'publisher'}
                aria-label={`${subject}, ${productLabels[emailing.product ?? 'publisher']} emailing ${emailing.emailingId}, ${formatCount(emailing.clickCount)} cached clicks. Enter opens it.`}
                className={emailing.lastError === null ? undefined : 'has-error'}
                onClick={(event) => openFromRow(event, emailing)}
                onKeyDown={(event) => onRowKey(event, emailing)}
              >
                <td className="col-track">
                  <input
                    type="checkbox"
                    checked={selected.has(emailing.key)}
                    aria-label={`Compare ${subject}`}
                    onChange={(event) => onSelect(emailing, event.target.checked)}
                  />
                </td>
                <td className="col-track">
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={emailing.tracked}
                      aria-label={`Track ${subject}`}
                      onChange={(event) => onTrack(emailing, event.target.checked)}
                    />
                    <span className="switch-track" aria-hidden="true" />
                  </label>
                </td>
                <td className={subjectOf(emailing) === null ? 'subject muted' : 'subject'} title={subject}>
                  <span className="subject-text">{subject}</span>
                  <span className="emailing-id">
                    <ProductBadge product={emailing.product} />{' '}
                    <span className="mono">ID {emailing.emailingId}</span>
                  </span>
                </td>
                <td className="col-sent">
                  {emailing.sentAt === null ? (
                    <span className="muted">Not sent</span>
                  ) : (
                    <SentAt text={emailing.sentAt} />
                  )}
                </td>
                <Count value={emailing.destinations} />
                <Count value={emailing.reportedClicks} />
                <Count value={emailing.impressions} />
                <td className="numeric clicks" data-testid="click-count">
                  {formatCount(emailing.clickCount)}
                </td>
                {listRates.map((d) => (
                  <td
                    key={d.id}
                    className="numeric"
                    data-testid={`rate-${d.id}`}
                    title={`${d.label} = ${d.formula}`}
                  >
                    {formatRate(emailing.rates?.[d.id] ?? null)}
                  </td>
                ))}
                <td className="nowrap">
                  {emailing.lastRefreshedAt === null ? (
                    <span className="muted">Never</span>
                  ) : (
                    <time
                      dateTime={emailing.lastRefreshedAt}
                      className="stacked"
                      title={formatLocalInstant(emailing.lastRefreshedAt)}
                    >
                      <span className="relative">{formatRelative(emailing.lastRefreshedAt, now)}</span>
                      <span className="absolute">
                        {formatLocalInstantShort(emailing.lastRefreshedAt, now)}
                      </span>
                    </time>
                  )}
                </td>
                <td className="col-status" data-testid="sync-status">
                  <div className="status-cell">
                    <SyncStatus
                      emailing={emailing}
                      progress={progress}
                      onCancel={() => onCancel(emailing)}
                      onRetry={refreshable ? () => onRefresh(emailing) : undefined}
                    />
                    {/* After a failure the status offers Retry in its place. */}
                    {refreshable && emailing.tracked && !syncing && emailing.lastError === null && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Refresh ${subject}`}
                        title={offline ? 'Offline: refreshing needs the network' : undefined}
                        onClick={() => onRefresh(emailing)}
                      >
                        Refresh
                      </button>
                    )}
                    {emailing.clickCount > 0 && !syncing && (
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        aria-label={`Remove the cached clicks of ${subject}`}
                        title="Remove the cached clicks of this emailing from this computer"
                        onClick={() => onRemoveCached(emailing)}
                      >
                        Remove cached…
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Copernica's wall-clock reading, date over time; the tooltip says whose clock it is. */
function SentAt({ text }: { text: string }) {
  const parts = formatWallClockParts(text);
  const title = `${formatWallClock(text)}, as shown in Copernica`;
  if (!parts) return <time title={title}>{text}</time>;
  return (
    <time title={title} className="stacked">
      <span>{parts.date}</span>
      <span className="absolute">{parts.time}</span>
    </time>
  );
}

function Count({ value }: { value: number | null }) {
  return (
    <td className="numeric">{value === null ? <span className="muted">–</span> : formatCount(value)}</td>
  );
}
