/**
 * What an export of a grid asks for, read from AG Grid itself: the displayed columns in their
 * order with their headers, the sort (in the order the user chose it) and the filter, each in
 * the contract's shape.
 */
import type { GridApi } from 'ag-grid-community';
import type { FilterModel, SortDirection, SortModel } from '../../../shared/schemas/grid';
import { toFilterModel, toSortModel } from '../grid/queryModels';

export interface ExportColumn {
  colId: string;
  header: string;
}

/** The columns the user sees, left to right (the contract takes at most 50). */
export function displayedColumns(api: GridApi): ExportColumn[] {
  return api
    .getAllDisplayedColumns()
    .slice(0, 50)
    .map((column) => ({
      colId: column.getColId(),
      header: column.getColDef().headerName ?? column.getColId(),
    }));
}

export function sortModelOf(api: GridApi): SortModel {
  return toSortModel(
    api
      .getColumnState()
      .filter((column) => column.sort === 'asc' || column.sort === 'desc')
      .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
      .map((column) => ({ colId: column.colId, sort: column.sort as SortDirection })),
  );
}

export function filterModelOf(api: GridApi): FilterModel {
  return toFilterModel(api.getFilterModel() as Record<string, unknown>);
}
