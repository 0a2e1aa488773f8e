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
import { formatWallClock } from '../time/wallClock';
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

/**
 * Without a filter, the sort column's own index is the right walk, but the planner's statistics
 * can talk it into a sort of the whole emailing instead; with a filter it may know better.
 */
function indexHint(index: string, where: SqlCondition, onlyTimeRange: boolean): string {
  return where.sql === '' || onlyTimeRange ? `INDEXED BY ${index}` : '';
}

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

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  block(request: BlockRequest): ClicksBlock {
    const where = this.where(request);
    const version = this.dataVersion(request.emailingKey);
    const rowCount = this.count(request.emailingKey, where, version);
    const limit = Math.min(request.endRow, rowCount) - request.startRow;
    if (limit <= 0) return { rows: [], rowCount };
    const { column, descending } = sortOf(request.sortModel);
    const sort = clickColumnSql[column].sort;
    const rows =
      sort.kind === 'column'
        ? this.readOrdered(
            request.emailingKey,
            where,
            sort,
            isOnlyTimeRange(request),
            descending,
            request.startRow,
            limit,
          )
        : this.readByGroups(request.emailingKey, where, version, column, descending, request.startRow, limit);
    return { rows: rows.map(toRow), rowCount };
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
          `SELECT c.id, l.link_id, l.url, l.title, c.ts_local, c.ts_raw, c.ip, ua.value, rf.value,
                  c.destination, c.profile, c.subprofile
             ${from}`,
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
    onlyTimeRange: boolean,
    descending: boolean,
    offset: number,
    limit: number,
  ): RawRow[] {
    const direction = descending ? 'DESC' : 'ASC';
    const order = sort.expr === 'c.id' ? `c.id ${direction}` : `${sort.expr} ${direction}, c.id ${direction}`;
    const hint =
      sort.index === 'clicks_by_time' || where.sql === '' ? indexHint(sort.index, where, onlyTimeRange) : '';
    const pageIds =
      `SELECT c.emailing_id, c.id, row_number() OVER () AS position FROM (SELECT emailing_id, id FROM clicks AS c ${hint} ` +
      `WHERE c.emailing_id = ?${where.sql ? ` AND ${where.sql}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?) AS c`;
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
      const hint = where.sql === '' ? `INDEXED BY ${sort.index}` : '';
      const sql = deferredJoin(
        `SELECT c.emailing_id, c.id, row_number() OVER () AS position FROM (SELECT emailing_id, id FROM clicks AS c ${hint} ` +
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

  /** The distinct references under the filter with their counts, ordered by their text (nulls first). */
  private groups(emailingKey: number, where: SqlCondition, version: string, column: ClickColumn): Group[] {
    const sort = clickColumnSql[column].sort;
    if (sort.kind !== 'dictionary') return [];
    const key = JSON.stringify([emailingKey, where, version, column]);
    const cached = this.groupings.get(key);
    if (cached) return cached;
    const counted = this.statements
      .get(
        `SELECT c.${sort.ref} AS k, COUNT(*) AS n FROM clicks c WHERE c.emailing_id = ?` +
          `${where.sql ? ` AND ${where.sql}` : ''} GROUP BY c.${sort.ref}`,
      )
      .all(emailingKey, ...where.params) as { k: number | null; n: number }[];
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
    groups.sort(compareGroups);
    this.groupings.set(key, groups);
    return groups;
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

/** A date range alone narrows the time index itself, so that index stays the right walk. */
function isOnlyTimeRange(request: BlockRequest): boolean {
  return Object.keys(request.filterModel).length === 0;
}

function sortOf(model: SortModel): { column: ClickColumn; descending: boolean } {
  const first = model[0];
  if (!first) return { column: 'id', descending: false };
  if (!(clickColumns as readonly string[]).includes(first.colId)) {
    throw new AppError('invalid_input', `The column "${first.colId}" cannot be sorted.`);
  }
  return { column: first.colId as ClickColumn, descending: first.sort === 'desc' };
}
