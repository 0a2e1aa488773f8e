/**
 * The date-range control above the grids (`from` inclusive, `to` exclusive, wall clock in the
 * account's zone) as the views read it: bounds for the summaries' grouped queries, and for the
 * clicks grid a range of click IDs where that is the same thing.
 */
import type { DateRange } from '../../shared/schemas/grid';
import { parseWallClock } from '../../shared/wallClock';
import { dateRangeSql, type SqlCondition } from './filterSql';
import type { StatementCache } from './statementCache';

export function hasRange(range: DateRange | undefined): boolean {
  return Boolean(range?.from || range?.to);
}

/** Bounds of the range as wall seconds; an open end is unbounded. */
export function rangeBounds(range: DateRange | undefined): [number, number] {
  return [
    (range?.from ? parseWallClock(range.from) : null) ?? Number.MIN_SAFE_INTEGER,
    (range?.to ? parseWallClock(range.to) : null) ?? Number.MAX_SAFE_INTEGER,
  ];
}

export interface ClickRange {
  condition: SqlCondition;
  /** A condition every grid index can test without reading the row (none, or click IDs). */
  indexFriendly: boolean;
}

/**
 * The range as a condition on the clicks `c`: a range of click IDs when this emailing's click
 * times follow its click IDs (sync_state.time_follows_id), since every grid index carries the
 * click ID and can test it without reading the row; otherwise a condition on the time.
 */
export function clickRange(
  statements: StatementCache,
  emailingKey: number,
  range: DateRange | undefined,
): ClickRange {
  const byTime = dateRangeSql(range, 'c.ts_local');
  if (byTime.sql === '') return { condition: byTime, indexFriendly: true };
  if (!timeFollowsId(statements, emailingKey)) return { condition: byTime, indexFriendly: false };
  const firstAtOrAfter = (wall: number | null): number | null =>
    wall === null
      ? null
      : ((statements
          .get(
            `SELECT id FROM clicks INDEXED BY clicks_by_time WHERE emailing_id = ? AND ts_local >= ?
                ORDER BY ts_local, id LIMIT 1`,
          )
          .pluck(true)
          .get(emailingKey, wall) as number | undefined) ?? Number.MAX_SAFE_INTEGER);
  const from = firstAtOrAfter(range?.from ? parseWallClock(range.from) : null);
  const to = firstAtOrAfter(range?.to ? parseWallClock(range.to) : null);
  const parts: string[] = [];
  const params: number[] = [];
  if (from !== null) {
    parts.push('c.id >= ?');
    params.push(from);
  }
  if (to !== null) {
    parts.push('c.id < ?');
    params.push(to);
  }
  return { condition: { sql: parts.join(' AND '), params }, indexFriendly: true };
}

function timeFollowsId(statements: StatementCache, emailingKey: number): boolean {
  return (
    statements
      .get('SELECT time_follows_id FROM sync_state WHERE emailing_id = ?')
      .pluck(true)
      .get(emailingKey) === 1
  );
}
