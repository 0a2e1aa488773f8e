/** Column definitions shared by the views: filters match the contract's text, number and date models. */
import type { ColDef } from 'ag-grid-community';
import { formatClickTime, formatNumber } from './cellFormat';

const textFilterParams = {
  filterOptions: [
    'contains',
    'notContains',
    'equals',
    'notEqual',
    'startsWith',
    'endsWith',
    'blank',
    'notBlank',
  ],
  maxNumConditions: 2,
  debounceMs: 300,
};

const numberFilterParams = {
  filterOptions: [
    'equals',
    'notEqual',
    'lessThan',
    'lessThanOrEqual',
    'greaterThan',
    'greaterThanOrEqual',
    'inRange',
    'blank',
    'notBlank',
  ],
  maxNumConditions: 2,
  debounceMs: 300,
};

/** With time: the model then carries `YYYY-MM-DD HH:MM:SS`, the contract's wall clock. */
const dateFilterParams = {
  filterOptions: ['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank'],
  includeTime: true,
  maxNumConditions: 2,
};

/** What every column shares: its ID is its field, and the grid's header and width. */
function baseColumn<T>(field: string, headerName: string, width: number): ColDef<T> {
  return { colId: field, field: field as ColDef<T>['field'], headerName, width };
}

export function textColumn<T>(field: string, headerName: string, width: number): ColDef<T> {
  return {
    ...baseColumn<T>(field, headerName, width),
    cellDataType: 'text',
    filter: 'agTextColumnFilter',
    filterParams: textFilterParams,
    tooltipField: field as ColDef<T>['tooltipField'],
  };
}

/** IDs are written without grouping separators: they are names, not quantities. */
export function idColumn<T>(field: string, headerName: string, width: number): ColDef<T> {
  return {
    ...baseColumn<T>(field, headerName, width),
    cellDataType: 'number',
    valueFormatter: (params) =>
      params.value === null || params.value === undefined ? '' : String(params.value),
    filter: 'agNumberColumnFilter',
    filterParams: numberFilterParams,
    cellClass: 'mono-cell',
  };
}

export function countColumn<T>(field: string, headerName: string, width: number): ColDef<T> {
  return {
    ...baseColumn<T>(field, headerName, width),
    cellDataType: 'number',
    valueFormatter: (params) => formatNumber(params.value as number | null),
    filter: 'agNumberColumnFilter',
    filterParams: numberFilterParams,
    type: 'rightAligned',
    cellClass: ['numeric-cell', 'ag-right-aligned-cell'],
  };
}

export function timeColumn<T>(field: string, headerName: string, width: number): ColDef<T> {
  return {
    ...baseColumn<T>(field, headerName, width),
    // Kept as Copernica's text: the grid must neither parse it into the computer's zone nor guess.
    cellDataType: false,
    valueFormatter: (params) => formatClickTime(params.value as string | null),
    tooltipValueGetter: (params) => (params.value as string | null) ?? '',
    filter: 'agDateColumnFilter',
    filterParams: dateFilterParams,
    cellClass: 'numeric-cell',
  };
}
