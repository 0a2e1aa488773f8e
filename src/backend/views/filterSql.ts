/**
 * Turns AG Grid's filter model into a parameterised SQL condition over a whitelist of columns.
 * Column names and operators come from this file, never from the request; values are always
 * bound parameters. Text filters on dictionary columns (link, title, user agent, referer) are
 * resolved to the matching dictionary IDs first, so that SQLite can use the (emailing, column)
 * indexes instead of joining and testing every click.
 */
import type { ColumnFilterKind } from '../../shared/columns/columnSpec';
import { AppError } from '../../shared/errors';
import type { ColumnFilter, DateRange, FilterModel } from '../../shared/schemas/grid';
import { parseWallClock } from '../../shared/wallClock';

export interface ColumnSql {
  /** The filter it takes, from the view's column list (columnSql.ts); `none` is refused. */
  kind: ColumnFilterKind;
  /** From the view's column list too: whether ORDER BY may name it. */
  sortable: boolean;
  /** The SQL expression on the click row alias `c`. */
  expr: string;
  /**
   * For values kept in a dictionary table: the condition is tested on the dictionary's column and
   * the click matched by reference, `c.link IN (SELECT id FROM links WHERE title LIKE ?)`.
   */
  dictionary?: { ref: string; table: 'links' | 'texts'; column: string };
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** A predicate on one expression, and whether a missing value (NULL) also matches it. */
interface Predicate extends SqlCondition {
  matchesNull: boolean;
}

const DAY = 86_400;

function is(sql: string, params: unknown[], matchesNull = false): Predicate {
  return { sql, params, matchesNull };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function textPredicate(expr: string, type: string, filter: string | null | undefined): Predicate {
  const value = filter ?? '';
  const like = (pattern: string) => ({
    sql: `${expr} LIKE ? ESCAPE '\\'`,
    params: [pattern],
    matchesNull: false,
  });
  switch (type) {
    case 'contains':
      return like(`%${escapeLike(value)}%`);
    case 'notContains':
      return { sql: `${expr} NOT LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(value)}%`], matchesNull: true };
    case 'equals':
      return like(escapeLike(value));
    case 'notEqual':
      return { sql: `${expr} NOT LIKE ? ESCAPE '\\'`, params: [escapeLike(value)], matchesNull: true };
    case 'startsWith':
      return like(`${escapeLike(value)}%`);
    case 'endsWith':
      return like(`%${escapeLike(value)}`);
    case 'blank':
      return { sql: `${expr} = ''`, params: [], matchesNull: true };
    case 'notBlank':
      return { sql: `${expr} <> ''`, params: [], matchesNull: false };
    default:
      throw new AppError('invalid_input', `Unknown text filter "${type}".`);
  }
}

function numberPredicate(
  expr: string,
  type: string,
  filter?: number | null,
  filterTo?: number | null,
): Predicate {
  const need = (value: number | null | undefined): number => {
    if (value === null || value === undefined)
      throw new AppError('invalid_input', 'The number filter needs a value.');
    return value;
  };
  switch (type) {
    case 'equals':
      return is(`${expr} = ?`, [need(filter)]);
    case 'notEqual':
      return is(`${expr} <> ?`, [need(filter)], true);
    case 'lessThan':
      return is(`${expr} < ?`, [need(filter)]);
    case 'lessThanOrEqual':
      return is(`${expr} <= ?`, [need(filter)]);
    case 'greaterThan':
      return is(`${expr} > ?`, [need(filter)]);
    case 'greaterThanOrEqual':
      return is(`${expr} >= ?`, [need(filter)]);
    case 'inRange':
      return is(`(${expr} > ? AND ${expr} < ?)`, [need(filter), need(filterTo)]);
    case 'blank':
      return is('0', [], true);
    case 'notBlank':
      return is(`${expr} IS NOT NULL`, []);
    default:
      throw new AppError('invalid_input', `Unknown number filter "${type}".`);
  }
}

/** Day boundaries of an AG Grid date value (AG Grid's date filter compares whole days). */
function day(value: string | null | undefined): number {
  const wall = value ? parseWallClock(value) : null;
  if (wall === null) throw new AppError('invalid_input', 'The date filter needs a date.');
  return wall - (((wall % DAY) + DAY) % DAY);
}

function datePredicate(expr: string, type: string, from?: string | null, to?: string | null): Predicate {
  switch (type) {
    case 'equals':
      return is(`(${expr} >= ? AND ${expr} < ?)`, [day(from), day(from) + DAY]);
    case 'notEqual':
      return is(`(${expr} < ? OR ${expr} >= ?)`, [day(from), day(from) + DAY], true);
    case 'lessThan':
      return is(`${expr} < ?`, [day(from)]);
    case 'greaterThan':
      return is(`${expr} >= ?`, [day(from) + DAY]);
    case 'inRange':
      return is(`(${expr} >= ? AND ${expr} < ?)`, [day(from) + DAY, day(to)]);
    case 'blank':
      return is('0', [], true);
    case 'notBlank':
      return is(`${expr} IS NOT NULL`, []);
    default:
      throw new AppError('invalid_input', `Unknown date filter "${type}".`);
  }
}

type SingleCondition = Exclude<ColumnFilter, { operator: 'AND' | 'OR' }>;

function singleCondition(column: ColumnSql, condition: SingleCondition): SqlCondition {
  if (condition.filterType !== column.kind) {
    throw new AppError(
      'invalid_input',
      `A ${condition.filterType} filter does not fit this ${column.kind} column.`,
    );
  }
  const dictionary = column.dictionary;
  const expr = dictionary ? dictionary.column : column.expr;
  const predicate =
    condition.filterType === 'text'
      ? textPredicate(expr, condition.type, condition.filter)
      : condition.filterType === 'number'
        ? numberPredicate(expr, condition.type, condition.filter, condition.filterTo)
        : datePredicate(expr, condition.type, condition.dateFrom, condition.dateTo);
  const ref = dictionary ? dictionary.ref : column.expr;
  const matched = dictionary
    ? `${dictionary.ref} IN (SELECT id FROM ${dictionary.table} WHERE ${predicate.sql})`
    : predicate.sql;
  // A click without the value (NULL) matches "not contains", "not equal" and "blank".
  return {
    sql: predicate.matchesNull ? `(${ref} IS NULL OR ${matched})` : matched,
    params: predicate.params,
  };
}

/** All column filters ANDed; an unknown column is refused, never ignored. */
export function filterModelSql(model: FilterModel, columns: Record<string, ColumnSql>): SqlCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [colId, filter] of Object.entries(model)) {
    const column = Object.hasOwn(columns, colId) ? columns[colId] : undefined;
    if (!column || column.kind === 'none')
      throw new AppError('invalid_input', `The column "${colId}" cannot be filtered.`);
    const conditions = 'operator' in filter ? filter.conditions : [filter];
    const joined = conditions.map((c) => singleCondition(column, c));
    const operator = 'operator' in filter ? ` ${filter.operator} ` : ' AND ';
    parts.push(`(${joined.map((c) => c.sql).join(operator)})`);
    for (const c of joined) params.push(...c.params);
  }
  return { sql: parts.join(' AND '), params };
}

/** The date-range control: `from` inclusive, `to` exclusive, on a wall-clock seconds column. */
export function dateRangeSql(range: DateRange | undefined, expr: string): SqlCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (range?.from) {
    parts.push(`${expr} >= ?`);
    params.push(parseWallClock(range.from));
  }
  if (range?.to) {
    parts.push(`${expr} < ?`);
    params.push(parseWallClock(range.to));
  }
  return { sql: parts.join(' AND '), params };
}

export function andAll(...conditions: SqlCondition[]): SqlCondition {
  const used = conditions.filter((c) => c.sql !== '');
  return { sql: used.map((c) => c.sql).join(' AND '), params: used.flatMap((c) => c.params) };
}
