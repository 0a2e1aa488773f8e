/**
 * One block of the clicks grid: rows [startRow, endRow) of one emailing under the grid's sort and
 * filter, and how many rows the filter matches. Every sortable column has an (emailing, column)
 * index, so a block is an index walk at any offset. Columns whose text lives in a dictionary
 * (link URL and title, user agent, referer) are sorted group by group: the distinct references
 * are counted once per filter (cached), ordered by their text, and the block is read from the
 * groups it spans, each in click-ID order through the same kind of index (dictionaryGroups.ts).
 * The row and its joins are in clickRows.ts, paging in clickPage.ts, the date range in
 * dateRange.ts and the order in orderBy.ts.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { BlockRequest, ViewRequest } from '../../shared/schemas/grid';
import type { ClickColumn, ClickRow, ClicksBlock } from '../../shared/schemas/views';
import { withoutMissingGridIndexes } from '../db/gridIndexes';
import { clickColumnSql, type ClickColumnSql } from './clickColumns';
import { CLICKS_BY_ID_SQL, clickPageSql, sliceOfOrder } from './clickPage';
import { type RawRow, selectClickRows, toRow } from './clickRows';
import { dataVersion } from './dataVersion';
import { clickRange } from './dateRange';
import { type Group, groupMatch, orderGroups } from './dictionaryGroups';
import { andAll, dateRangeSql, type SqlCondition } from './filterSql';
import { viewFilterSql } from '../profiles/profileColumnsSql';
import { clickOrder, clickSort } from './orderBy';
import { Lru, StatementCache } from './statementCache';
import { botClicksOf, humanClicksOnly } from './verdictSql';

const whitelist = clickColumnSql as Record<string, ClickColumnSql>;
/** A condition appended to `c.emailing_id = ?`. */
const andWhere = (where: SqlCondition): string => (where.sql ? ` AND ${where.sql}` : '');
const directionOf = (descending: boolean) => (descending ? 'DESC' : 'ASC');

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
    const block = this.blockOf(request);
    // With the switch on, the grid says how many it leaves out (one click shows them).
    return request.excludeBots ? { ...block, botsLeftOut: botClicksOf(this.db, request.emailingKey) } : block;
  }

  private blockOf(request: BlockRequest): ClicksBlock {
    const version = dataVersion(this.statements, request.emailingKey);
    // Leaving out the bots is a filter: the matching IDs are ordered once and kept, as for any.
    const filter = andAll(
      viewFilterSql(this.db, request.emailingKey, request.filterModel, whitelist, 'c.profile'),
      humanClicksOnly(request),
    );
    const range = clickRange(this.statements, request.emailingKey, request.dateRange);
    const { column, descending } = clickSort(request.sortModel);
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
    const ids = sliceOfOrder(order, request.startRow, end, descending);
    const raw = this.statements
      .get(CLICKS_BY_ID_SQL)
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
      const sql =
        `SELECT o.id FROM clicks AS o ${sort.index ? `INDEXED BY ${sort.index} ` : ''}` +
        `WHERE o.emailing_id = ? AND o.id IN (${matching}) ` +
        `ORDER BY ${clickOrder(sort.expr.replace(/^c\./, 'o.'))}`;
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
            `WHERE o.emailing_id = ? AND o.id IN (${matching}) ORDER BY ${clickOrder(`o.${sort.ref}`)}`,
        )
        .raw(true)
        .all(emailingKey, emailingKey, ...where.params) as [number | null, number][];
      const byKey = new Map<number | null, number[]>();
      for (const [k, id] of pairs) {
        let ids = byKey.get(k);
        if (!ids) byKey.set(k, (ids = []));
        ids.push(id);
      }
      const groups = orderGroups(
        this.statements,
        sort,
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
    const where = andAll(
      viewFilterSql(this.db, request.emailingKey, request.filterModel, whitelist, 'c.profile'),
      dateRangeSql(request.dateRange, 'c.ts_local'),
      humanClicksOnly(request),
    );
    const { column, descending } = clickSort(request.sortModel);
    const sort = clickColumnSql[column].sort;
    const direction = directionOf(descending);
    const walk = (source: string, rest: string, params: unknown[]): IterableIterator<RawRow> =>
      this.db
        .prepare(withoutMissingGridIndexes(this.db, selectClickRows(source, rest)))
        .raw(true)
        .iterate(...params) as IterableIterator<RawRow>;
    if (sort.kind === 'column') {
      // Click-ID order is the table's own (primary key) order: no index to name.
      for (const raw of walk(
        `clicks AS c ${sort.index ? `INDEXED BY ${sort.index}` : ''}`,
        `WHERE c.emailing_id = ?${andWhere(where)} ORDER BY ${clickOrder(sort.expr, direction)}`,
        [request.emailingKey, ...where.params],
      ))
        yield toRow(raw);
      return;
    }
    const groups = this.groups(
      request.emailingKey,
      where,
      dataVersion(this.statements, request.emailingKey),
      column,
    );
    for (const group of descending ? [...groups].reverse() : groups) {
      const match = groupMatch(sort, group);
      for (const raw of walk(
        `clicks AS c INDEXED BY ${sort.index}`,
        `WHERE c.emailing_id = ? AND ${match.sql}${andWhere(where)} ORDER BY ${clickOrder('c.id', direction)}`,
        [request.emailingKey, ...match.params, ...where.params],
      ))
        yield toRow(raw);
    }
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
    sort: { expr: string; index: string | null },
    descending: boolean,
    offset: number,
    limit: number,
  ): RawRow[] {
    return this.statements
      .get(clickPageSql(sort.index, andWhere(where), clickOrder(sort.expr, directionOf(descending))))
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
    const rows: RawRow[] = [];
    const order = clickOrder('c.id', directionOf(descending));
    let skip = offset;
    for (const group of descending ? [...groups].reverse() : groups) {
      if (rows.length >= limit) break;
      if (skip >= group.count) {
        skip -= group.count;
        continue;
      }
      const match = groupMatch(sort, group);
      rows.push(
        ...(this.statements
          .get(clickPageSql(sort.index, ` AND ${match.sql}${andWhere(where)}`, order))
          .raw(true)
          .all(emailingKey, ...match.params, ...where.params, limit - rows.length, skip) as RawRow[]),
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
          `${andWhere(where)} GROUP BY c.${sort.ref}`,
      )
      .all(emailingKey, ...where.params) as { k: number | null; n: number }[];
    const groups = orderGroups(this.statements, sort, counted);
    this.groupings.set(key, groups);
    return groups;
  }
}
