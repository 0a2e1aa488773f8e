/**
 * One profile up close: its fields as Copernica last gave them (or a calm note why they are
 * missing or old), its subprofile, and every click it made in the account's cached emailings,
 * as a list and a small per-day timeline. Escape or the close button closes it, and the focus
 * goes back where it was.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import {
  type ProfileClickColumnId,
  profileClickColumnList,
} from '../../../shared/columns/profileClickColumns';
import { useApi } from '../ApiProvider';
import { BarChart } from '../chart/BarChart';
import { alignBuckets, bucketLabel, bucketTitle } from '../chart/buckets';
import { formatClickTime } from '../grid/cellFormat';
import type { ProfileRef } from '../grid/ProfileCell';
import { ExportMenu } from '../export/ExportMenu';
import { ExportStatus } from '../export/ExportStatus';
import { useExportJob } from '../export/exportJobs';
import { ProductBadge } from '../emailings/ProductFilter';
import { formatCount, formatLocalInstant } from '../format';
import { useQuery } from '../hooks/useQuery';
import { CrossIcon } from '../ui/CrossIcon';
import { InlineError } from '../ui/InlineError';
import './profile.css';

interface Props {
  accountId: number;
  /** The emailing the drill-down was opened from (the export names its account by it). */
  emailingKey: number;
  target: ProfileRef;
  onClose(): void;
}

/** A profile with thousands of clicks is a bot or a test address; the list shows the newest. */
const listLimit = 500;

/** The drill-down's columns, in the order the list shows them, for its export. */
const listedColumns: readonly ProfileClickColumnId[] = [
  'timestamp',
  'linkTitle',
  'link',
  'emailingId',
  'subject',
  'subprofile',
  'id',
];
const headers = Object.fromEntries(profileClickColumnList.map((c) => [c.id, c.header])) as Record<
  ProfileClickColumnId,
  string
>;
const exportColumns = listedColumns.map((colId) => ({ colId, header: headers[colId] }));

export function ProfilePanel({ accountId, emailingKey, target, onClose }: Props) {
  const api = useApi();
  const exportJob = useExportJob();
  const exportQuery = useCallback(
    () => ({
      view: 'profileClicks' as const,
      emailingKey,
      profileId: target.profileId,
      // Newest first, as listed.
      sortModel: [{ colId: 'timestamp', sort: 'desc' as const }],
      filterModel: {},
      columns: exportColumns,
    }),
    [emailingKey, target.profileId],
  );
  const closeButton = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  const profile = useQuery(['profile', accountId, target.profileId, target.subprofileId], () =>
    api.getProfileDetails({ accountId, profileId: target.profileId, subprofileId: target.subprofileId }),
  );
  const details = profile.data;
  // Retry shows "Loading the profile…", not the failure it answers.
  const failure = profile.loading ? null : profile.error;

  useEffect(() => {
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      returnFocus?.focus();
    };
  }, []);

  const perDay = useMemo(() => {
    if (!details || details.clicks.length === 0) return null;
    const days = new Map<string, number>();
    for (const click of details.clicks) {
      if (!click.timestamp) continue;
      const day = `${click.timestamp.slice(0, 10)} 00:00:00`;
      days.set(day, (days.get(day) ?? 0) + 1);
    }
    const { starts, values } = alignBuckets('day', [[...days].map(([start, clicks]) => ({ start, clicks }))]);
    return {
      labels: starts.map((s) => bucketLabel(s, 'day')),
      titles: starts.map((s) => bucketTitle(s, 'day')),
      values: values[0]!,
    };
  }, [details]);

  const emailings = details ? new Set(details.clicks.map((c) => c.emailingKey)).size : 0;

  return (
    <aside className="profile-panel" role="dialog" aria-modal="false" aria-labelledby="profile-panel-title">
      <header className="profile-panel-header">
        <div>
          <p className="eyebrow">Profile</p>
          <h2 id="profile-panel-title">
            {details?.name ? (
              <>
                {details.name} <span className="muted">· {target.profileId}</span>
              </>
            ) : (
              target.profileId
            )}
            {target.subprofileId !== null && (
              <span className="muted"> · subprofile {target.subprofileId}</span>
            )}
          </h2>
        </div>
        <button
          ref={closeButton}
          type="button"
          className="icon-button"
          aria-label="Close profile"
          onClick={onClose}
        >
          <CrossIcon />
        </button>
      </header>

      <ExportStatus control={exportJob} what="this profile's clicks" />
      <div className="profile-panel-body">
        {failure && (
          <InlineError
            title="This profile could not be loaded."
            message={failure.message}
            onRetry={profile.reload}
          />
        )}
        {!details && !failure && (
          <p className="muted" role="status">
            Loading the profile…
          </p>
        )}
        {details && (
          <>
            {details.fetchProblem && (
              <p className="calm-note" role="note" data-testid="fetch-problem">
                {details.fetchProblem}
              </p>
            )}

            <section aria-labelledby="profile-fields-title">
              <h3 id="profile-fields-title">Fields</h3>
              {details.profile ? (
                <>
                  <Fields fields={details.profile.fields} />
                  {details.profile.interests.length > 0 && (
                    <p className="chips">
                      {details.profile.interests.map((interest) => (
                        <span key={interest} className="chip">
                          {interest}
                        </span>
                      ))}
                    </p>
                  )}
                  <p className="fetched-at">
                    Fetched from Copernica at {formatLocalInstant(details.profile.fetchedAt)}
                    {details.profile.database !== null && <> · database {details.profile.database}</>}
                    {details.profile.removed !== false && <> · removed in Copernica</>}
                  </p>
                </>
              ) : (
                <p className="muted">No fields cached for this profile.</p>
              )}
            </section>

            {details.subprofile && (
              <section aria-labelledby="subprofile-fields-title">
                <h3 id="subprofile-fields-title">
                  Subprofile {details.subprofile.id}
                  {details.subprofile.collection !== null && (
                    <span className="muted"> · collection {details.subprofile.collection}</span>
                  )}
                </h3>
                <Fields fields={details.subprofile.fields} />
                <p className="fetched-at">Fetched at {formatLocalInstant(details.subprofile.fetchedAt)}</p>
              </section>
            )}

            <section aria-labelledby="profile-clicks-title">
              <div className="profile-clicks-head">
                <h3 id="profile-clicks-title">
                  Clicks <span className="count">{formatCount(details.clicks.length)}</span>
                  {emailings > 1 && <span className="muted small"> in {emailings} emailings</span>}
                </h3>
                {details.clicks.length > 0 && (
                  <ExportMenu
                    control={exportJob}
                    what="this profile's clicks"
                    shownRows={details.clicks.length}
                    allRows={details.clicks.length}
                    scopes={false}
                    query={exportQuery}
                  />
                )}
              </div>
              {perDay && (
                <div className="profile-timeline">
                  <BarChart
                    labels={perDay.labels}
                    titles={perDay.titles}
                    series={[{ label: 'Clicks', values: perDay.values, colorToken: '--chart-series' }]}
                    showLegend={false}
                    ariaLabel="This profile's clicks per day"
                  />
                </div>
              )}
              {details.clicks.length === 0 ? (
                <p className="muted">No cached clicks.</p>
              ) : (
                <ol className="profile-clicks">
                  {details.clicks.slice(0, listLimit).map((click) => (
                    <li key={`${click.emailingKey}-${click.id}`}>
                      <time className="click-time small">{formatClickTime(click.timestamp)}</time>
                      <span className="click-link" title={click.link ?? undefined}>
                        {click.linkTitle || click.link || 'Unknown link'}
                      </span>
                      <span className="muted small click-emailing">
                        {/* First, so a long subject's ellipsis never hides it: the ID alone names two emailings. */}
                        <ProductBadge product={click.product} />{' '}
                        {click.subject ?? `Emailing ${click.emailingId}`}
                        {click.subprofile !== null && <> · subprofile {click.subprofile}</>}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
              {details.clicks.length > listLimit && (
                <p className="muted small">The newest {formatCount(listLimit)} are listed.</p>
              )}
            </section>
          </>
        )}
      </div>
    </aside>
  );
}

function Fields({ fields }: { fields: Record<string, string> }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return <p className="muted">No fields.</p>;
  return (
    <dl className="fields">
      {entries.map(([name, value]) => (
        <div key={name} className="field">
          <dt>{name}</dt>
          <dd>{value === '' ? <span className="muted">empty</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}
