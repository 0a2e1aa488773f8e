/**
 * ORDER BY clauses of the views. A view read as one statement (links, profiles, the profile's
 * clicks) orders by the grid's sort over the view's whitelist, or its own order when the grid
 * has none, then a tie-break that makes the order total, so pages and exports never disagree on
 * a row's place. The clicks grid orders by one column and the click ID, as its indexes walk.
 */
import type { SortModel } from '../../shared/schemas/grid';
import type { ClickColumn } from '../../shared/schemas/views';
import { clickColumnSql } from './clickColumns';
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

/**
 * The clicks grid's order on one column: the column, then the click ID that every grid index
 * carries after it; the ID alone when the column is the ID. `expr` names the clicks' alias
 * (`c.ip`, `o.link`); without a direction the order is ascending and written bare.
 */
export function clickOrder(expr: string, direction?: 'ASC' | 'DESC'): string {
  const id = `${expr.slice(0, expr.indexOf('.'))}.id`;
  const dir = direction ? ` ${direction}` : '';
  return expr === id ? `${id}${dir}` : `${expr}${dir}, ${id}${dir}`;
}

/** The clicks grid sorts on its first sort column only (click ID when none), as its indexes walk. */
export function clickSort(model: SortModel): { column: ClickColumn; descending: boolean } {
  const first = model[0];
  if (!first) return { column: 'id', descending: false };
  sortColumn(first.colId, clickColumnSql);
  return { column: first.colId as ClickColumn, descending: first.sort === 'desc' };
}
