/**
 * The links view: one row per link. The grid holds every link and sorts and filters them
 * itself; an export of the view does the same in SQL. The share is a bar, not filtered.
 */
import type { ColumnSpec } from './columnSpec';

export const linkColumnList = [
  // The title says what a link is; the address, shortened in the grid, says where it goes.
  { id: 'linkTitle', header: 'Link title', format: 'text', sortable: true, filter: 'text', width: 220 },
  { id: 'link', header: 'Link', format: 'text', sortable: true, filter: 'text', width: 320 },
  { id: 'clicks', header: 'Clicks', format: 'count', sortable: true, filter: 'number', width: 110 },
  {
    id: 'uniqueProfiles',
    header: 'Unique profiles',
    format: 'count',
    sortable: true,
    filter: 'number',
    width: 150,
  },
  { id: 'share', header: 'Share of clicks', format: 'share', sortable: true, filter: 'none', width: 200 },
  {
    id: 'firstClick',
    header: 'First click',
    format: 'wallClock',
    sortable: true,
    filter: 'date',
    width: 190,
  },
  { id: 'lastClick', header: 'Last click', format: 'wallClock', sortable: true, filter: 'date', width: 190 },
  {
    id: 'linkId',
    header: 'Link ID',
    format: 'id',
    sortable: true,
    filter: 'number',
    width: 100,
    hidden: true,
  },
] as const satisfies readonly ColumnSpec[];

export type LinkColumnId = (typeof linkColumnList)[number]['id'];
