/**
 * The grid's column definitions, made from a view's shared column list (src/shared/columns):
 * the header, width, format and filter are the list's; a view adds only what is its own (a cell
 * renderer, a default sort). Filters offer exactly the operators the contract accepts.
 */
import type { ColDef } from 'ag-grid-community';
import type { ColumnFilterKind, ColumnFormat, ColumnSpec } from '../../../shared/columns/columnSpec';
import { dateFilterTypes, numberFilterTypes, textFilterTypes } from '../../../shared/columns/filterOperators';
import { formatClickTime, formatNumber } from './cellFormat';

export const filterParams = {
  text: { filterOptions: [...textFilterTypes], maxNumConditions: 2, debounceMs: 300 },
  number: { filterOptions: [...numberFilterTypes], maxNumConditions: 2, debounceMs: 300 },
  /** With time: the model then carries `YYYY-MM-DD HH:MM:SS`, the contract's wall clock. */
  date: { filterOptions: [...dateFilterTypes], includeTime: true, maxNumConditions: 2 },
};

const filterComponents = {
  text: 'agTextColumnFilter',
  number: 'agNumberColumnFilter',
  date: 'agDateColumnFilter',
} as const;

function filtering<T>(kind: ColumnFilterKind): ColDef<T> {
  if (kind === 'none') return { filter: false };
  return { filter: filterComponents[kind], filterParams: filterParams[kind] };
}

function formatting<T>(format: ColumnFormat, field: string): ColDef<T> {
  switch (format) {
    case 'text':
      return { cellDataType: 'text', tooltipField: field as ColDef<T>['tooltipField'] };
    case 'id':
      // IDs are written without grouping separators: they are names, not quantities.
      return {
        cellDataType: 'number',
        valueFormatter: (params) =>
          params.value === null || params.value === undefined ? '' : String(params.value),
        cellClass: 'mono-cell',
      };
    case 'count':
      return {
        cellDataType: 'number',
        valueFormatter: (params) => formatNumber(params.value as number | null),
        type: 'rightAligned',
        cellClass: ['numeric-cell', 'ag-right-aligned-cell'],
      };
    case 'wallClock':
      return {
        // Kept as Copernica's text: the grid must neither parse it into the computer's zone nor guess.
        cellDataType: false,
        valueFormatter: (params) => formatClickTime(params.value as string | null),
        tooltipValueGetter: (params) => (params.value as string | null) ?? '',
        cellClass: 'numeric-cell',
      };
    case 'share':
      // Drawn by the view's own cell renderer (a bar and a percentage).
      return {};
  }
}

/** One column of a list: its ID is its field. */
function gridColumn<T>(spec: ColumnSpec): ColDef<T> {
  return {
    colId: spec.id,
    field: spec.id as ColDef<T>['field'],
    headerName: spec.header,
    ...(spec.width === undefined ? {} : { width: spec.width }),
    ...formatting<T>(spec.format, spec.id),
    ...filtering<T>(spec.filter),
    ...(spec.sortable ? {} : { sortable: false }),
    ...(spec.hidden ? { hide: true } : {}),
    ...(spec.pinned ? { pinned: 'left' as const, lockPinned: true } : {}),
  };
}

/** A view's columns in its list's order, with what the view adds to some of them. */
export function gridColumns<T, Id extends string>(
  list: readonly ColumnSpec<Id>[],
  additions: Partial<Record<Id, ColDef<T>>> = {},
): ColDef<T>[] {
  return list.map((spec) => ({ ...gridColumn<T>(spec), ...additions[spec.id] }));
}
