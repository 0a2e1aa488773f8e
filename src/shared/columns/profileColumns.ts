/** The profiles view: one row per profile that clicked, paged, sorted and filtered by SQL. */
import type { ColumnSpec } from './columnSpec';

export const profileColumnList = [
  { id: 'profile', header: 'Profile', format: 'id', sortable: true, filter: 'number', width: 140 },
  { id: 'clicks', header: 'Clicks', format: 'count', sortable: true, filter: 'number', width: 120 },
  {
    id: 'uniqueLinks',
    header: 'Unique links',
    format: 'count',
    sortable: true,
    filter: 'number',
    width: 140,
  },
  {
    id: 'firstClick',
    header: 'First click',
    format: 'wallClock',
    sortable: true,
    filter: 'date',
    width: 200,
  },
  { id: 'lastClick', header: 'Last click', format: 'wallClock', sortable: true, filter: 'date', width: 200 },
] as const satisfies readonly ColumnSpec[];

export type ProfileColumnId = (typeof profileColumnList)[number]['id'];
