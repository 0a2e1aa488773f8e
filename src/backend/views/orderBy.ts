/**
 * The ORDER BY of a view read as one statement (links, profiles, the profile's clicks): the
 * grid's sort over the view's whitelist, or the view's own order when the grid has none, then a
 * tie-break that makes the order total, so pages and exports never disagree on a row's place.
 */
import type { SortModel } from '../../shared/schemas/grid';
import { sortColumn } from './columnSql';
import type { ColumnSql } from './filterSql';

export interface ViewOrder {
  /** The order when the grid names no sort. */
  fallback: readonly string[];
  /** Appended to every order. */
  tieBreak: readonly string[];
}

export function orderByClause(
  model: SortModel,
  columns: Readonly<Record<string, ColumnSql>>,
  order: ViewOrder,
): string {
  const parts = model.map(
    ({ colId, sort }) => `${sortColumn(colId, columns).expr} ${sort === 'desc' ? 'DESC' : 'ASC'}`,
  );
  return [...(parts.length ? parts : order.fallback), ...order.tieBreak].join(', ');
}
