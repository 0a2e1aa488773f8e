/**
 * One block of the clicks grid: rows [startRow, endRow) of one emailing under the grid's sort and
 * filter, and how many rows the filter matches. Every sortable column has an (emailing, column)
 * index, so a block is an index walk at any offset. Columns whose text lives in a dictionary
 * (link URL and title, user agent, referer) are sorted group by group: the distinct references
 * are counted once per filter (cached), ordered by their text, and the block is read from the
 * groups it spans, each in click-ID order through the same kind of index.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { BlockRequest, SortModel, ViewRequest } from '../../shared/schemas/grid';
import { type ClickColumn, type ClickRow, type ClicksBlock, clickColumns } from '../../shared/schemas/views';
import { withoutMissingGridIndexes } from '../db/gridIndexes';
import { formatWallClock, parseWallClock } from '../../shared/wallClock';
import { type ClickColumnSql, clickColumnSql } from './clickColumns';
import { andAll, dateRangeSql, filterModelSql, type SqlCondition } from './filterSql';
import { Lru, StatementCache } from './statementCache';

/**
 * The page's click IDs are found first, on a covering index and without touching the wide rows
 * (an OFFSET of half a million then costs tens of milliseconds, not seconds); only the 100 rows
 * shown are then read and joined to their link and texts. CROSS JOIN keeps that loop order.
 */
function deferredJoin(pageIdsSql: string): string {
  return `SELECT c.id, l.link_id, l.url, l.title, c.ts_local, c.ts_raw, c.ip, ua.value, rf.value,
       c.destination, c.profile, c.subprofile
  FROM (${pageIdsSql}) AS p
  CROSS JOIN clicks AS c ON c.emailing_id = p.emailing_id AND c.id = p.id
  LEFT JOIN links l ON l.id = c.link
  LEFT JOIN texts ua ON ua.id = c.user_agent
  LEFT JOIN texts rf ON rf.id = c.referer
  ORDER BY p.position`;
}

/** A grid row with its link and texts; callers add the WHERE. */
const SELECT_ROWS = `SELECT c.id, l.link_id, l.url, l.title, c.ts_local, c.ts_raw, c.ip, ua.value, rf.value,
       c.destination, c.profile, c.subprofile
  FROM clicks AS c
  LEFT JOIN links l ON l.id = c.link
  LEFT JOIN texts ua ON ua.id = c.user_agent
  LEFT JOIN texts rf ON rf.id = c.referer`;

type RawRow = [
  number,
  number | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  number | null,
  number | null,
];

function toRow(raw: RawRow): ClickRow {
  const [
    id,
    linkId,
    link,
    linkTitle,
    tsLocal,
    tsRaw,
    ip,
    userAgent,
    referer,
    destination,
    profile,
    subprofile,
  ] = raw;
  return {
    id,
    linkId,
    link,
    linkTitle,
    timestamp: tsRaw ?? (tsLocal === null ? null : formatWallClock(tsLocal)),
    ip,
    userAgent,
    referer,
    destination,
    profile,
    subprofile,
  };
}

interface Group {
  key: number | null;
  value: string | number | null;
  count: number;
}

export class ClicksView {
  private readonly statements: StatementCache;
  private readonly counts = new Lru<number>(100);
  private readonly groupings = new Lru<Group[]>(30);
  /** Matching click IDs in a sort's order, per filter (see blockFromOrder); up to ~8 MB each. */
  private readonly orders = new Lru<Float64Array>(12);

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  block(request: BlockRequest): ClicksBlock {
    const version = this.dataVersion(request.emailingKey);
    const filter = filterModelSql(request.filterModel, clickColumnSql as Record<string, ClickColumnSql>);
    const range = this.rangeCondition(request);
    const { column, descending } = sortOf(request.sortModel);
    if (filter.sql !== '' || !range.indexFriendly) {
      return this.blockFromOrder(request, andAll(filter, range.condition), version, column, descending);
    }
    // No filter, or only a date range that is a range of click IDs: every grid index can walk it.
    const where = range.condition;
    const rowCount = this.count(request.emailingKey, where, version);
    const limit = Math.min(request.endRow, rowCount) - request.startRow;
    if (limit <= 0) return { rows: [], rowCount };
    const sort = clickColumnSql[column].sort;
    const rows =
      sort.kind === 'column'
        ? this.readOrdered(request.emailingKey, where, sort, descending, request.startRow, limit)
        : this.readByGroups(request.emailingKey, where, version, column, descending, request.startRow, limit);
    return { rows: rows.map(toRow), rowCount };
  }

  /**
   * With a filter, walking an index and testing every row would read the rows themselves. So
   * the matching click IDs are put in the grid's order once per filter and sort (one statement:
   * the filter picks its own index, the sort column's index gives the order, asc and desc share
   * the list) and kept; each block is then a slice of that list.
   */
  private blockFromOrder(
    request: BlockRequest,
    where: SqlCondition,
    version: string,
    column: ClickColumn,
    descending: boolean,
  ): ClicksBlock {
    const order = this.matchingOrder(request.emailingKey, where, version, column);
    const rowCount = order.length;
    const end = Math.min(request.endRow, rowCount);
    if (end <= request.startRow) return { rows: [], rowCount };
    const ids: number[] = [];
    for (let i = request.startRow; i < end; i++) ids.push(order[descending ? rowCount - 1 - i : i] as number);
    const raw = this.statements
      .get(`${SELECT_ROWS} WHERE c.emailing_id = ? AND c.id IN (SELECT value FROM json_each(?))`)
      .raw(true)
      .all(request.emailingKey, JSON.stringify(ids)) as RawRow[];
    const byId = new Map(raw.map((r) => [r[0], r]));
    return { rows: ids.map((id) => toRow(byId.get(id) as RawRow)), rowCount };
  }

  private matchingOrder(
    emailingKey: number,
    where: SqlCondition,
    version: string,
    column: ClickColumn,
  ): Float64Array {
    const key = JSON.stringify([emailingKey, where, version, column]);
    const cached = this.orders.get(key);
    if (cached) return cached;
    const sort = clickColumnSql[column].sort;
    const matching = `SELECT c.id FROM clicks AS c WHERE c.emailing_id = ? AND ${where.sql}`;
    let order: Float64Array;
    if (sort.kind === 'column') {
      const expr = sort.expr.replace(/^c\./, 'o.');
      const sql =
        `SELECT o.id FROM clicks AS o INDEXED BY ${sort.index} WHERE o.emailing_id = ? AND o.id IN (${matching}) ` +
        `ORDER BY ${expr === 'o.id' ? 'o.id' : `${expr}, o.id`}`;
      order = Float64Array.from(
        this.statements
          .get(sql)
          .pluck(true)
          .all(emailingKey, emailingKey, ...where.params) as number[],
      );
    } else {
      const pairs = this.statements
        .get(
          `SELECT o.${sort.ref} AS k, o.id FROM clicks AS o INDEXED BY ${sort.index} ` +
            `WHERE o.emailing_id = ? AND o.id IN (${matching}) ORDER BY o.${sort.ref}, o.id`,
        )
        .raw(true)
        .all(emailingKey, emailingKey, ...where.params) as [number | null, number][];
      const byKey = new Map<number | null, number[]>();
      for (const [k, id] of pairs) {
        let ids = byKey.get(k);
        if (!ids) byKey.set(k, (ids = []));
        ids.push(id);
      }
      const groups = this.orderGroups(
        column,
        [...byKey].map(([k, ids]) => ({ k, n: ids.length })),
      );
      order = new Float64Array(pairs.length);
      let at = 0;
      for (const group of groups) {
        for (const id of byKey.get(group.key) as number[]) order[at++] = id;
      }
    }
    this.orders.set(key, order);
    return order;
  }

  /**
   * Every row the grid would show, in its order, read as the caller consumes it: an export's
   * walk. The sort column's index is always the walk (no sort, so memory stays flat whatever the
   * filter); dictionary columns are walked group by group as in block(). While the iterator is
   * open the connection is busy, so an export reads through a connection of its own.
   */
  *rows(request: ViewRequest): Generator<ClickRow> {
    const where = this.where(request);
    const filter = where.sql ? ` AND ${where.sql}` : '';
    const { column, descending } = sortOf(request.sortModel);
    const sort = clickColumnSql[column].sort;
    const direction = descending ? 'DESC' : 'ASC';
    const walk = (from: string, params: unknown[]): IterableIterator<RawRow> =>
      this.db
        .prepare(
          withoutMissingGridIndexes(
            this.db,
            `SELECT c.id, l.link_id, l.url, l.title, c.ts_local, c.ts_raw, c.ip, ua.value, rf.value,
                  c.destination, c.profile, c.subprofile
             ${from}`,
          ),
        )
        .raw(true)
        .iterate(...params) as IterableIterator<RawRow>;
    const joins = `LEFT JOIN links l ON l.id = c.link
             LEFT JOIN texts ua ON ua.id = c.user_agent
             LEFT JOIN texts rf ON rf.id = c.referer`;
    if (sort.kind === 'column') {
      // Click-ID order is the table's own (primary key) order: no index to name.
      const byId = sort.expr === 'c.id';
      const order = byId ? `c.id ${direction}` : `${sort.expr} ${direction}, c.id ${direction}`;
      for (const raw of walk(
        `FROM clicks AS c ${byId ? '' : `INDEXED BY ${sort.index}`} ${joins}
            WHERE c.emailing_id = ?${filter} ORDER BY ${order}`,
        [request.emailingKey, ...where.params],
      ))
        yield toRow(raw);
      return;
    }
    const groups = this.groups(request.emailingKey, where, this.dataVersion(request.emailingKey), column);
    for (const group of descending ? [...groups].reverse() : groups) {
      const match = group.key === null ? `c.${sort.ref} IS NULL` : `c.${sort.ref} = ?`;
      for (const raw of walk(
        `FROM clicks AS c INDEXED BY ${sort.index} ${joins}
            WHERE c.emailing_id = ? AND ${match}${filter} ORDER BY c.id ${direction}`,
        [request.emailingKey, ...(group.key === null ? [] : [group.key]), ...where.params],
      ))
        yield toRow(raw);
    }
  }

  /**
   * The date-range control as a condition: a range of click IDs when this emailing's click times
   * follow its click IDs (sync_state.time_follows_id), since every grid index carries the click
   * ID and can test it without reading the row; otherwise a condition on the time.
   */
  private rangeCondition(request: ViewRequest): { condition: SqlCondition; indexFriendly: boolean } {
    const byTime = dateRangeSql(request.dateRange, 'c.ts_local');
    if (byTime.sql === '') return { condition: byTime, indexFriendly: true };
    if (!this.timeFollowsId(request.emailingKey)) return { condition: byTime, indexFriendly: false };
    const firstAtOrAfter = (wall: number | null): number | null =>
      wall === null
        ? null
        : ((this.statements
            .get(
              `SELECT id FROM clicks INDEXED BY clicks_by_time WHERE emailing_id = ? AND ts_local >= ?
                ORDER BY ts_local, id LIMIT 1`,
            )
            .pluck(true)
            .get(request.emailingKey, wall) as number | undefined) ?? Number.MAX_SAFE_INTEGER);
    const from = firstAtOrAfter(request.dateRange?.from ? parseWallClock(request.dateRange.from) : null);
    const to = firstAtOrAfter(request.dateRange?.to ? parseWallClock(request.dateRange.to) : null);
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

  private timeFollowsId(emailingKey: number): boolean {
    return (
      this.statements
        .get('SELECT time_follows_id FROM sync_state WHERE emailing_id = ?')
        .pluck(true)
        .get(emailingKey) === 1
    );
  }

  private where(request: ViewRequest): SqlCondition {
    return andAll(
      filterModelSql(request.filterModel, clickColumnSql as Record<string, ClickColumnSql>),
      dateRangeSql(request.dateRange, 'c.ts_local'),
    );
  }

  /** Changes whenever a sync writes to the emailing, so cached counts never go stale. */
  private dataVersion(emailingKey: number): string {
    const state = this.statements
      .get('SELECT rows, last_success_at AS at FROM sync_state WHERE emailing_id = ?')
      .get(emailingKey) as { rows: number; at: string | null } | undefined;
    return state ? `${state.rows}@${state.at}` : 'none';
  }

  private count(emailingKey: number, where: SqlCondition, version: string): number {
    if (where.sql === '') {
      const state = this.statements
        .get('SELECT rows FROM sync_state WHERE emailing_id = ?')
        .get(emailingKey) as { rows: number } | undefined;
      return state?.rows ?? 0;
    }
    const key = JSON.stringify([emailingKey, where, version]);
    let count = this.counts.get(key);
    if (count === undefined) {
      const row = this.statements
        .get(`SELECT COUNT(*) AS n FROM clicks c WHERE c.emailing_id = ? AND ${where.sql}`)
        .get(emailingKey, ...where.params) as { n: number };
      count = row.n;
      this.counts.set(key, count);
    }
    return count;
  }

  private readOrdered(
    emailingKey: number,
    where: SqlCondition,
    sort: { expr: string; index: string },
    descending: boolean,
    offset: number,
    limit: number,
  ): RawRow[] {
    const direction = descending ? 'DESC' : 'ASC';
    const order = sort.expr === 'c.id' ? `c.id ${direction}` : `${sort.expr} ${direction}, c.id ${direction}`;
    // The planner's statistics can talk it into sorting the whole emailing; the sort column's
    // own index, walked on its click IDs, is always the right plan here.
    const pageIds =
      `SELECT c.emailing_id, c.id, row_number() OVER () AS position FROM (SELECT emailing_id, id FROM clicks AS c ` +
      `INDEXED BY ${sort.index} WHERE c.emailing_id = ?${where.sql ? ` AND ${where.sql}` : ''} ` +
      `ORDER BY ${order} LIMIT ? OFFSET ?) AS c`;
    return this.statements
      .get(deferredJoin(pageIds))
      .raw(true)
      .all(emailingKey, ...where.params, limit, offset) as RawRow[];
  }

  private readByGroups(
    emailingKey: number,
    where: SqlCondition,
    version: string,
    column: ClickColumn,
    descending: boolean,
    offset: number,
    limit: number,
  ): RawRow[] {
    const sort = clickColumnSql[column].sort;
    if (sort.kind !== 'dictionary') throw new AppError('internal', 'Not a dictionary column.');
    const groups = this.groups(emailingKey, where, version, column);
    const ordered = descending ? [...groups].reverse() : groups;
    const rows: RawRow[] = [];
    const direction = descending ? 'DESC' : 'ASC';
    const filter = where.sql ? ` AND ${where.sql}` : '';
    let skip = offset;
    for (const group of ordered) {
      if (rows.length >= limit) break;
      if (skip >= group.count) {
        skip -= group.count;
        continue;
      }
      const match = group.key === null ? `c.${sort.ref} IS NULL` : `c.${sort.ref} = ?`;
      const sql = deferredJoin(
        `SELECT c.emailing_id, c.id, row_number() OVER () AS position FROM (SELECT emailing_id, id FROM clicks AS c INDEXED BY ${sort.index} ` +
          `WHERE c.emailing_id = ? AND ${match}${filter} ORDER BY c.id ${direction} LIMIT ? OFFSET ?) AS c`,
      );
      const params = group.key === null ? [] : [group.key];
      rows.push(
        ...(this.statements
          .get(sql)
          .raw(true)
          .all(emailingKey, ...params, ...where.params, limit - rows.length, skip) as RawRow[]),
      );
      skip = 0;
    }
    return rows;
  }

  /** The distinct references in an ID-range-only view with their counts, ordered by their text (nulls first). */
  private groups(emailingKey: number, where: SqlCondition, version: string, column: ClickColumn): Group[] {
    const sort = clickColumnSql[column].sort;
    if (sort.kind !== 'dictionary') return [];
    const key = JSON.stringify([emailingKey, where, version, column]);
    const cached = this.groupings.get(key);
    if (cached) return cached;
    const counted = this.statements
      .get(
        `SELECT c.${sort.ref} AS k, COUNT(*) AS n FROM clicks AS c INDEXED BY ${sort.index} WHERE c.emailing_id = ?` +
          `${where.sql ? ` AND ${where.sql}` : ''} GROUP BY c.${sort.ref}`,
      )
      .all(emailingKey, ...where.params) as { k: number | null; n: number }[];
    const groups = this.orderGroups(column, counted);
    this.groupings.set(key, groups);
    return groups;
  }

  /** Dictionary references with their counts, put in the order of their text. */
  private orderGroups(column: ClickColumn, counted: { k: number | null; n: number }[]): Group[] {
    const sort = clickColumnSql[column].sort;
    if (sort.kind !== 'dictionary') return [];
    const keys = counted.filter((g) => g.k !== null).map((g) => g.k);
    const values = new Map(
      (
        this.statements
          .get(`${sort.valueSql} (SELECT value FROM json_each(?))`)
          .all(JSON.stringify(keys)) as {
          k: number;
          v: string | number | null;
        }[]
      ).map((r) => [r.k, r.v]),
    );
    const groups: Group[] = counted.map((g) => ({
      key: g.k,
      value: g.k === null ? null : (values.get(g.k) ?? null),
      count: g.n,
    }));
    return groups.sort(compareGroups);
  }
}

/** SQLite's order: NULL first, numbers before text, text by code point; ties by reference. */
function compareGroups(a: Group, b: Group): number {
  if (a.value !== b.value) {
    if (a.value === null) return -1;
    if (b.value === null) return 1;
    if (typeof a.value !== typeof b.value) return typeof a.value === 'number' ? -1 : 1;
    return a.value < b.value ? -1 : 1;
  }
  return (a.key ?? -1) - (b.key ?? -1);
}

function sortOf(model: SortModel): { column: ClickColumn; descending: boolean } {
  const first = model[0];
  if (!first) return { column: 'id', descending: false };
  if (!(clickColumns as readonly string[]).includes(first.colId)) {
    throw new AppError('invalid_input', `The column "${first.colId}" cannot be sorted.`);
  }
  return { column: first.colId as ClickColumn, descending: first.sort === 'desc' };
}
