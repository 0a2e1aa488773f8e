/**
 * The Overview an emailing opens on: its key figures, and beside them the top links and the
 * clicks of the first 24 hours, all following the period control (Copernica's statistics are
 * of the whole emailing; the cache's counts, the links and the hours are of the period).
 */
import { useMemo } from 'react';
import { useApi } from '../ApiProvider';
import type { DateRange } from '../../../shared/schemas/grid';
import { addHours } from '../../../shared/wallClock';
import { BarChart } from '../chart/BarChart';
import { alignBuckets, bucketLabel, bucketTitle } from '../chart/buckets';
import { formatCount } from '../format';
import { formatShare } from '../grid/cellFormat';
import { useConnectivity } from '../hooks/useConnectivity';
import { useQuery } from '../hooks/useQuery';
import { InlineError } from '../ui/InlineError';
import { KeyFiguresPanel } from './KeyFiguresPanel';
import './overview.css';

interface Props {
  emailingKey: number;
  dateRange: DateRange;
  /** Changes when a sync wrote to the cache. */
  dataVersion: string;
  sentAt: string | null;
  timeZone: string;
  /** Absent while the emailing cannot be refreshed. */
  onRefresh?: () => void;
}

const TOP_LINKS = 5;

/** The first 24 hours of the period, or from the send; the timeline's first 24 hours when neither is known. */
function firstDay(dateRange: DateRange, sentAt: string | null, timeZone: string): DateRange | null {
  const from = dateRange.from ?? sentAt;
  if (!from) return null;
  const end = addHours(from, 24, timeZone);
  const to = dateRange.to && end && dateRange.to < end ? dateRange.to : end;
  return { from, to };
}

export function OverviewView({ emailingKey, dateRange, dataVersion, sentAt, timeZone, onRefresh }: Props) {
  const api = useApi();
  const { online } = useConnectivity();
  const figures = useQuery(
    ['keyFigures', emailingKey, dateRange, dataVersion],
    () => api.getKeyFigures({ emailingKey, dateRange }),
    // Copernica's statistics are stored just after the clicks: the cache's change, not the
    // click count, says when they are there.
    { keepPrevious: true, refetchOnCacheChange: true },
  );
  const links = useQuery(['overviewLinks', emailingKey, dateRange, dataVersion], () =>
    api.getLinks({ emailingKey, dateRange, sortModel: [{ colId: 'clicks', sort: 'desc' }], filterModel: {} }),
  );
  const day = firstDay(dateRange, sentAt, timeZone);
  const hours = useQuery(['overviewHours', emailingKey, day, dateRange, dataVersion], () =>
    api.getTimeline({
      emailingKey,
      bucket: 'hour',
      dateRange: day ?? dateRange,
      sortModel: [],
      filterModel: {},
    }),
  );
  const chart = useMemo(() => {
    if (!hours.data) return null;
    const { starts, values } = alignBuckets('hour', [hours.data.points]);
    const shown = starts.slice(0, 24);
    return {
      labels: shown.map((s) => bucketLabel(s, 'hour')),
      titles: shown.map((s) => bucketTitle(s, 'hour')),
      values: values[0]!.slice(0, 24),
    };
  }, [hours.data]);

  return (
    // Scrolls on its own: a Tab stop, so the keyboard can scroll it too (WCAG 2.1.1).
    <div className="overview" tabIndex={0} role="region" aria-label="Overview">
      {figures.error && !figures.loading && (
        <InlineError
          title="The key figures could not be loaded."
          message={figures.error.message}
          onRetry={figures.reload}
        />
      )}
      {figures.data ? (
        <KeyFiguresPanel figures={figures.data} online={online} {...(onRefresh ? { onRefresh } : {})} />
      ) : (
        !figures.error && <p className="loading">Loading the key figures…</p>
      )}
      <div className="overview-side">
        <section className="overview-card" aria-labelledby="top-links">
          <h3 id="top-links" className="section-label">
            Top links
          </h3>
          {links.data && links.data.rows.length === 0 && <p className="muted">No clicks in this period.</p>}
          {links.data && links.data.rows.length > 0 && (
            <ol className="top-links" data-testid="top-links">
              {links.data.rows.slice(0, TOP_LINKS).map((row, i) => (
                <li key={`${row.linkId ?? ''}:${row.link ?? ''}:${i}`} title={row.link ?? undefined}>
                  <span className="top-link-name">{row.linkTitle || row.link || 'No link'}</span>
                  <span className="top-link-count">
                    {formatCount(row.clicks)} <span className="muted">({formatShare(row.share)})</span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="overview-card" aria-labelledby="first-day">
          <h3 id="first-day" className="section-label">
            First 24 hours
          </h3>
          {chart && chart.values.every((v) => v === 0) && <p className="muted">No clicks in these hours.</p>}
          {chart && chart.values.some((v) => v > 0) && (
            <div className="first-day-chart" data-testid="first-day">
              <BarChart
                labels={chart.labels}
                titles={chart.titles}
                series={[{ label: 'Clicks', values: chart.values, colorToken: '--chart-series-all' }]}
                showLegend={false}
                ariaLabel="Clicks per hour in the first 24 hours"
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
