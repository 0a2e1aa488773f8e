/**
 * Clicks per hour or per day in the chosen period: all of the emailing's clicks, and beside them
 * the clicks that match the clicks grid's current filter.
 */
import { useMemo, useState } from 'react';
import { useApi } from '../ApiProvider';
import {
  type DateRange,
  type FilterModel,
  timelineBucket,
  type TimelineBucket,
} from '../../../shared/schemas/grid';
import type { Timeline } from '../../../shared/schemas/views';
import { formatCount } from '../format';
import { useQuery } from '../hooks/useQuery';
import { BarChart, type BarSeries } from './BarChart';
import { alignBuckets, bucketLabel, bucketTitle } from './buckets';
import { InlineError } from '../ui/InlineError';
import '../grid/grid.css';
import './chart.css';

interface Props {
  emailingKey: number;
  dateRange: DateRange;
  filterModel: FilterModel;
  /** The "Leave out suspected bots" switch. */
  excludeBots: boolean;
  /** Changes when a sync wrote to the cache. */
  dataVersion: string;
  onClearFilter(): void;
}

interface Loaded {
  all: Timeline;
  filtered: Timeline | null;
}

export function TimelineView({
  emailingKey,
  dateRange,
  filterModel,
  excludeBots,
  dataVersion,
  onClearFilter,
}: Props) {
  const api = useApi();
  const [bucket, setBucket] = useState<TimelineBucket>('hour');
  const filtered = Object.keys(filterModel).length > 0;
  const timeline = useQuery(
    ['timeline', emailingKey, bucket, dateRange, filterModel, excludeBots, dataVersion],
    async (): Promise<Loaded> => {
      const base = { emailingKey, bucket, dateRange, excludeBots };
      const [all, matching] = await Promise.all([
        api.getTimeline(base),
        filtered ? api.getTimeline({ ...base, filterModel }) : Promise.resolve(null),
      ]);
      return { all, filtered: matching };
    },
  );
  const loaded = timeline.data;
  // Try again shows "Loading…", not the failure it answers.
  const failure = timeline.loading ? null : timeline.error;

  const chart = useMemo(() => {
    if (!loaded) return null;
    const { starts, values } = alignBuckets(loaded.all.bucket, [
      loaded.all.points,
      ...(loaded.filtered ? [loaded.filtered.points] : []),
    ]);
    const series: BarSeries[] = [
      { label: 'All clicks', values: values[0]!, colorToken: '--chart-series-all' },
    ];
    if (values[1])
      series.push({ label: 'Matching the clicks filter', values: values[1], colorToken: '--chart-series' });
    const total = values[0]!.reduce((sum, v) => sum + v, 0);
    const peakIndex = values[0]!.reduce((best, v, i, all) => (v > all[best]! ? i : best), 0);
    return {
      labels: starts.map((s) => bucketLabel(s, loaded.all.bucket)),
      titles: starts.map((s) => bucketTitle(s, loaded.all.bucket)),
      series,
      total,
      matching: values[1]?.reduce((sum, v) => sum + v, 0) ?? null,
      peak: starts.length
        ? { title: bucketTitle(starts[peakIndex]!, loaded.all.bucket), clicks: values[0]![peakIndex]! }
        : null,
      bucket: loaded.all.bucket,
    };
  }, [loaded]);

  return (
    <div className="timeline-view">
      <div className="grid-toolbar">
        <span className="row-count" role="status" data-testid="timeline-summary">
          {chart === null
            ? 'Loading…'
            : chart.matching === null
              ? `${formatCount(chart.total)} clicks`
              : `${formatCount(chart.matching)} of ${formatCount(chart.total)} clicks match the clicks filter`}
          {chart?.peak && chart.peak.clicks > 0 && (
            <span className="muted">
              {' '}
              · busiest {chart.bucket}: {chart.peak.title} ({formatCount(chart.peak.clicks)})
            </span>
          )}
        </span>
        <div className="grid-toolbar-actions">
          {filtered && (
            <button type="button" className="button" onClick={onClearFilter}>
              Clear filters
            </button>
          )}
          <div className="segmented" role="group" aria-label="Clicks per">
            {timelineBucket.options.map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={bucket === option}
                onClick={() => setBucket(option)}
              >
                Per {option}
              </button>
            ))}
          </div>
        </div>
      </div>
      {failure && (
        <InlineError
          title="The timeline could not be loaded."
          message={failure.message}
          onRetry={timeline.reload}
        />
      )}
      <div className="timeline-body">
        {chart && chart.total === 0 ? (
          <div className="grid-empty" role="note">
            <p>No clicks in this period.</p>
          </div>
        ) : (
          chart && (
            <BarChart
              labels={chart.labels}
              titles={chart.titles}
              series={chart.series}
              showLegend={chart.series.length > 1}
              ariaLabel={`Clicks per ${chart.bucket}`}
            />
          )
        )}
      </div>
    </div>
  );
}
