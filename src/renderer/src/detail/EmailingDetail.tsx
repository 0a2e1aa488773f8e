/**
 * One emailing's cached clicks, explored: a header with what the emailing is and how fresh the
 * cache is, the period every view looks at, and five views over it (the overview it opens on,
 * clicks, links, profiles, timeline), with a profile's drill-down beside whichever view it was
 * opened from.
 */
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import type { Account } from '../../../shared/schemas/accounts';
import { useApi } from '../ApiProvider';
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import type { DateRange, FilterModel } from '../../../shared/schemas/grid';
import { TimelineView } from '../chart/TimelineView';
import { ExportStatus } from '../export/ExportStatus';
import { useExportJob } from '../export/exportJobs';
import { ReportButton } from '../export/ReportButton';
import { useProfileFields } from '../grid/profileFieldColumns';
import { splitProfileFilters } from '../../../shared/columns/profileFieldColumns';
import { ClicksGrid } from '../grid/ClicksGrid';
import { LinksView } from '../grid/LinksView';
import type { ProfileContext, ProfileRef } from '../grid/ProfileCell';
import { ProfilesView } from '../grid/ProfilesView';
import { OverviewView } from '../overview/OverviewView';
import { ProfilePanel } from '../profile/ProfilePanel';
import { formatCount, formatLocalInstant, formatRelative, formatWallClock } from '../format';
import { useNow } from '../hooks/useNow';
import { DateRangeControl } from './DateRangeControl';
import { FetchClicksPrompt, nothingCached } from './FetchClicksPrompt';
import { ErrorDetails } from '../emailings/ErrorDetails';
import { syncErrorAdvice } from '../emailings/syncErrorAdvice';
import type { SyncProgress } from '../../../shared/contract';
import { toErrorShape } from '../../../shared/errors';
import { emailingViews, type EmailingViewId } from '../../../shared/emailingViews';
import { viewCommands } from '../../../shared/appCommands';
import { useAppCommand, useAppCommands } from '../commands/AppCommands';
import { useWindowTitle } from '../hooks/useWindowTitle';
import { useFocusOnMount } from '../hooks/useFocusOnMount';
import { BotSwitch } from '../devices/BotSwitch';
import { DevicesView } from '../devices/DevicesView';
import './detail.css';
import { ProductBadge } from '../emailings/ProductFilter';

export interface EmailingDetailProps {
  account: Account;
  emailing: EmailingListItem;
  /** The running refresh of this emailing, as its last progress event says. */
  progress?: SyncProgress | undefined;
  offline?: boolean;
  /** Tracking changed here: the list behind should ask again. */
  onChanged?(): void;
  onBack(): void;
}

const tabs = emailingViews;
type TabId = EmailingViewId;

const wholeEmailing: DateRange = { from: null, to: null };

/** The header's and the window's title: an emailing without a subject is still named. */
export function emailingTitle(emailing: EmailingListItem): string {
  const subject = emailing.subject?.trim();
  return subject ? subject : `Emailing ${emailing.emailingId} (no subject)`;
}

export function EmailingDetail({
  account,
  emailing,
  progress,
  offline = false,
  onChanged,
  onBack,
}: EmailingDetailProps) {
  const api = useApi();
  const now = useNow(30_000);
  const [tab, setTab] = useState<TabId>('overview');
  // Views are mounted when first opened and then kept, so switching back keeps scroll and filters.
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set(['overview']));
  const [dateRange, setDateRange] = useState<DateRange>(wholeEmailing);
  const [clicksFilter, setClicksFilter] = useState<FilterModel>({});
  const [excludeBots, setExcludeBots] = useState(true);
  const [profile, setProfile] = useState<ProfileRef | null>(null);
  const [clearSignal, setClearSignal] = useState(0);
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());
  const report = useExportJob();

  const select = useCallback((id: TabId) => {
    setTab(id);
    setOpened((seen) => (seen.has(id) ? seen : new Set([...seen, id])));
  }, []);

  function onTabKey(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((t) => t.id === tab);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index + tabs.length - 1) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const id = tabs[next]!.id;
    select(id);
    tabRefs.current.get(id)?.focus();
  }

  const context = useMemo<ProfileContext>(() => ({ openProfile: setProfile }), []);
  const profileFields = useProfileFields(account.id);
  // The report's scope takes the grid's own columns only: a filter on a profile field stays in the grid.
  const reportFilter = useMemo(() => splitProfileFilters(clicksFilter).view, [clicksFilter]);
  const clearDateRange = useCallback(() => setDateRange(wholeEmailing), []);
  const dataVersion = `${emailing.clickCount}@${emailing.lastRefreshedAt ?? ''}`;
  const subject = emailingTitle(emailing);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const empty = nothingCached(emailing);
  const trackAndFetch = useCallback(() => {
    setFetchError(null);
    // Tracking an emailing never fetched starts its first refresh (the backend queues it).
    const start = emailing.tracked
      ? api.syncEmailings({ emailingKeys: [emailing.key] })
      : api.setTracked({ emailingKey: emailing.key, tracked: true });
    start.then(() => onChanged?.()).catch((error: unknown) => setFetchError(toErrorShape(error).message));
  }, [api, emailing.key, emailing.tracked, onChanged]);
  const cancelFetch = useCallback(() => {
    api
      .cancelSync({ emailingKey: emailing.key })
      .catch((error: unknown) => setFetchError(toErrorShape(error).message));
  }, [api, emailing.key]);
  const refresh = useCallback(() => {
    api
      .syncEmailings({ emailingKeys: [emailing.key] })
      .catch((error: unknown) => console.error('syncEmailings failed', error));
  }, [api, emailing.key]);
  const refreshable = account.tokenStatus === 'ok' && !emailing.syncing;
  const views = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnMount(heading);
  useWindowTitle([subject, account.label]);
  useAppCommand('back', onBack);
  useAppCommands(
    Object.fromEntries(
      viewCommands.flatMap((command, i) => {
        const view = tabs[i];
        return view ? [[command, { run: () => select(view.id) }]] : [];
      }),
    ),
  );
  useAppCommand('refresh', refresh, () => refreshable);
  // The visible view's first filter box: the grids' floating filters, or nothing on the timeline.
  useAppCommand(
    'find',
    () => firstFilterInput(views.current)?.focus(),
    () => firstFilterInput(views.current) !== null,
  );

  return (
    <section className="emailing-detail" aria-labelledby="emailing-title">
      <header className="detail-header">
        <button type="button" className="back-button" onClick={onBack} aria-label="Back to the emailings">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M15 5l-7 7 7 7" />
          </svg>
        </button>
        <div className="detail-title">
          <h2 id="emailing-title" title={subject} ref={heading} tabIndex={-1}>
            {subject}
          </h2>
          <p className="detail-meta">
            <span>{account.label}</span>
            <span>
              <ProductBadge product={emailing.product} /> Emailing {emailing.emailingId}
            </span>
            <span>
              {emailing.sentAt ? (
                <>
                  Sent <time title="As shown in Copernica">{formatWallClock(emailing.sentAt)}</time>
                </>
              ) : (
                'Not sent'
              )}
            </span>
            <span data-testid="cached-clicks">
              <strong>{formatCount(emailing.clickCount)}</strong> cached clicks
              {emailing.reportedClicks !== null && emailing.reportedClicks !== emailing.clickCount && (
                <span className="muted"> (Copernica reports {formatCount(emailing.reportedClicks)})</span>
              )}
            </span>
            <span>
              {emailing.lastRefreshedAt ? (
                <>
                  Refreshed{' '}
                  <time
                    dateTime={emailing.lastRefreshedAt}
                    title={formatLocalInstant(emailing.lastRefreshedAt)}
                  >
                    {formatRelative(emailing.lastRefreshedAt, now)}
                  </time>
                </>
              ) : (
                'Never refreshed'
              )}
            </span>
            {emailing.syncing && <span className="status ok">Refreshing…</span>}
          </p>
          {emailing.lastError && (
            <div className="detail-warning" role="note">
              {syncErrorAdvice(emailing.lastErrorCode).what} {syncErrorAdvice(emailing.lastErrorCode).todo}{' '}
              The clicks below are those cached before. <ErrorDetails text={emailing.lastError} />
            </div>
          )}
        </div>
        <div className="detail-actions">
          <ReportButton
            control={report}
            emailingKey={emailing.key}
            scope={{ dateRange, filterModel: reportFilter, excludeBots }}
          />
        </div>
      </header>
      <ExportStatus control={report} what="the client report" />

      {empty ? (
        <FetchClicksPrompt
          account={account}
          emailing={emailing}
          progress={progress}
          offline={offline}
          error={fetchError}
          onFetch={trackAndFetch}
          onCancel={cancelFetch}
        />
      ) : (
        <>
          <div className="detail-controls">
            <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
              {tabs.map((t) => (
                <button
                  key={t.id}
                  ref={(node) => {
                    if (node) tabRefs.current.set(t.id, node);
                  }}
                  type="button"
                  role="tab"
                  id={`tab-${t.id}`}
                  aria-selected={tab === t.id}
                  aria-controls={`panel-${t.id}`}
                  tabIndex={tab === t.id ? 0 : -1}
                  onClick={() => select(t.id)}
                >
                  {t.label}
                </button>
              ))}
            </div>
            <DateRangeControl
              value={dateRange}
              onChange={setDateRange}
              sentAt={emailing.sentAt}
              timeZone={account.timeZone}
            />
            <BotSwitch
              emailingKey={emailing.key}
              dataVersion={dataVersion}
              excludeBots={excludeBots}
              countsEveryClick={tab === 'links' || tab === 'profiles'}
              onChange={setExcludeBots}
            />
          </div>

          <div className="detail-body">
            <div className="detail-views" ref={views}>
              {tabs.map(
                (t) =>
                  opened.has(t.id) && (
                    <div
                      key={t.id}
                      role="tabpanel"
                      id={`panel-${t.id}`}
                      aria-labelledby={`tab-${t.id}`}
                      className="tab-panel"
                      hidden={tab !== t.id}
                    >
                      {t.id === 'overview' && (
                        <OverviewView
                          emailingKey={emailing.key}
                          dateRange={dateRange}
                          dataVersion={dataVersion}
                          sentAt={emailing.sentAt}
                          timeZone={account.timeZone}
                          {...(refreshable ? { onRefresh: refresh } : {})}
                        />
                      )}
                      {t.id === 'clicks' && (
                        <ClicksGrid
                          key={clearSignal}
                          emailingKey={emailing.key}
                          dateRange={dateRange}
                          dataVersion={dataVersion}
                          total={emailing.clickCount}
                          excludeBots={excludeBots}
                          onClearDateRange={clearDateRange}
                          onFilterModelChange={setClicksFilter}
                          context={context}
                          profileFields={profileFields}
                        />
                      )}
                      {t.id === 'links' && (
                        <LinksView
                          emailingKey={emailing.key}
                          dateRange={dateRange}
                          dataVersion={dataVersion}
                          onClearDateRange={clearDateRange}
                        />
                      )}
                      {t.id === 'profiles' && (
                        <ProfilesView
                          emailingKey={emailing.key}
                          dateRange={dateRange}
                          dataVersion={dataVersion}
                          onClearDateRange={clearDateRange}
                          context={context}
                          profileFields={profileFields}
                        />
                      )}
                      {t.id === 'timeline' && (
                        <TimelineView
                          emailingKey={emailing.key}
                          dateRange={dateRange}
                          dataVersion={dataVersion}
                          filterModel={clicksFilter}
                          excludeBots={excludeBots}
                          onClearFilter={() => {
                            setClicksFilter({});
                            setClearSignal((n) => n + 1);
                          }}
                        />
                      )}
                      {t.id === 'devices' && (
                        <DevicesView
                          emailingKey={emailing.key}
                          dataVersion={dataVersion}
                          excludeBots={excludeBots}
                        />
                      )}
                    </div>
                  ),
              )}
            </div>
            {profile && (
              <ProfilePanel
                accountId={account.id}
                emailingKey={emailing.key}
                target={profile}
                onClose={() => setProfile(null)}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** The first text box of the shown tab panel's filter row (AG Grid's floating filters). */
function firstFilterInput(root: HTMLElement | null): HTMLInputElement | null {
  return (
    root?.querySelector<HTMLInputElement>(
      '.tab-panel:not([hidden]) .ag-floating-filter input:not([disabled])',
    ) ?? null
  );
}
