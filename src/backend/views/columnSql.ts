/**
 * A view's SQL whitelist: each column of the view's shared list (src/shared/columns) with the
 * SQL the backend keeps for it. The list says whether a column sorts and which filter it takes;
 * the backend's map, keyed by the list's IDs, says how: a column missing from it is a type error.
 */
import type { ColumnSpec } from '../../shared/columns/columnSpec';
import { AppError } from '../../shared/errors';
import type { ColumnSql } from './filterSql';

/** What the backend writes per column; the kind and sortability come from the list. */
export type ColumnExpression = Omit<ColumnSql, 'kind' | 'sortable'>;

export function columnSql<Id extends string, Sql extends ColumnExpression>(
  list: readonly ColumnSpec<Id>[],
  sql: Record<Id, Sql>,
): Record<Id, Sql & ColumnSql> {
  return Object.fromEntries(
    list.map((column) => [column.id, { ...sql[column.id], kind: column.filter, sortable: column.sortable }]),
  ) as Record<Id, Sql & ColumnSql>;
}

/** The whitelisted column a sort names; anything else is refused, never ignored. */
export function sortColumn<Column extends ColumnSql>(
  colId: string,
  columns: Readonly<Record<string, Column>>,
): Column {
  const column = Object.hasOwn(columns, colId) ? columns[colId] : undefined;
  if (!column?.sortable) throw new AppError('invalid_input', `The column "${colId}" cannot be sorted.`);
  return column;
}
