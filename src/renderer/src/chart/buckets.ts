/** Timeline buckets as a continuous axis: the backend leaves empty buckets out, a chart must not. */
import type { TimelineBucket } from '../../../shared/schemas/grid';
import { formatWallClock, parseWallClock } from '../../../shared/wallClock';

const stepMs = { hour: 3_600_000, day: 86_400_000 } as const;
/** Past this many buckets the gaps are left as they are (the axis would be unreadable anyway). */
const maxBuckets = 5000;

/** Wall seconds in milliseconds: the wall clock read as UTC, which is how the labels format it. */
function toUtc(text: string): number | null {
  const wall = parseWallClock(text);
  return wall === null ? null : wall * 1000;
}

function fromUtc(ms: number): string {
  return formatWallClock(ms / 1000);
}

/**
 * Every bucket from the first to the last start of any of the series (wall-clock steps: the
 * starts are the account's wall clock, read and written back as UTC), with each series' clicks.
 */
export function alignBuckets(
  bucket: TimelineBucket,
  series: ReadonlyArray<ReadonlyArray<{ start: string; clicks: number }>>,
): { starts: string[]; values: number[][] } {
  const all = new Set<string>();
  for (const points of series) for (const p of points) all.add(p.start);
  let starts = [...all].sort();
  const first = starts.length ? toUtc(starts[0]!) : null;
  const last = starts.length ? toUtc(starts[starts.length - 1]!) : null;
  if (first !== null && last !== null && (last - first) / stepMs[bucket] < maxBuckets) {
    const filled: string[] = [];
    for (let t = first; t <= last; t += stepMs[bucket]) filled.push(fromUtc(t));
    starts = filled;
  }
  const values = series.map((points) => {
    const byStart = new Map(points.map((p) => [p.start, p.clicks]));
    return starts.map((start) => byStart.get(start) ?? 0);
  });
  return { starts, values };
}

const hourLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});
const dayLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const longDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });
const longHour = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function bucketLabel(start: string, bucket: TimelineBucket): string {
  const ms = toUtc(start);
  if (ms === null) return start;
  return (bucket === 'hour' ? hourLabel : dayLabel).format(ms);
}

export function bucketTitle(start: string, bucket: TimelineBucket): string {
  const ms = toUtc(start);
  if (ms === null) return start;
  return (bucket === 'hour' ? longHour : longDay).format(ms);
}
