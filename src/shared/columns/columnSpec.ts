/**
 * What a view's column is, once, for every part that deals with it: the contract's sort and
 * filter enums, the backend's SQL whitelist (keyed by these IDs), the grid's column definitions
 * and the export's columns. Adding a column to a view is one entry in its list plus its SQL.
 */

import type { FilterKind } from '../schemas/filterKind';

/** The grid filter a column takes; `none` is neither offered in the grid nor accepted by the backend. */
export type ColumnFilterKind = FilterKind | 'none';

/**
 * What a value is and so how it is shown and exported: IDs without grouping, counts with it, a
 * share as a percentage, text, and Copernica's wall-clock text (an xlsx date cell).
 */
export type ColumnFormat = 'id' | 'count' | 'share' | 'text' | 'wallClock';

export interface ColumnSpec<Id extends string = string> {
  id: Id;
  /** The grid's header, and the export's when the caller names none. */
  header: string;
  format: ColumnFormat;
  sortable: boolean;
  filter: ColumnFilterKind;
  /** The grid's width in pixels; a view without a grid (the profile's clicks) has none. */
  width?: number;
  /** Hidden in the grid until the user shows it, and so not exported by default. */
  hidden?: boolean;
  /** Kept at the grid's left edge while the other columns scroll sideways. */
  pinned?: boolean;
}

/** The value a format holds, which decides the filter kinds that fit it. */
export function valueType(format: ColumnFormat): 'number' | 'text' {
  return format === 'text' || format === 'wallClock' ? 'text' : 'number';
}

type Ids<List extends readonly ColumnSpec[]> = List[number]['id'];

/** The IDs of a list, in its order, as a tuple a zod enum takes. */
export function columnIds<const List extends readonly ColumnSpec[]>(list: List): [Ids<List>, ...Ids<List>[]] {
  return list.map((c) => c.id) as [Ids<List>, ...Ids<List>[]];
}

export function sortableIds<const List extends readonly ColumnSpec[]>(
  list: List,
): [Ids<List>, ...Ids<List>[]] {
  return list.filter((c) => c.sortable).map((c) => c.id) as [Ids<List>, ...Ids<List>[]];
}

export function filterableIds<const List extends readonly ColumnSpec[]>(
  list: List,
): [Ids<List>, ...Ids<List>[]] {
  return list.filter((c) => c.filter !== 'none').map((c) => c.id) as [Ids<List>, ...Ids<List>[]];
}
