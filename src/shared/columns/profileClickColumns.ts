/**
 * The profile drill-down's clicks across the account's emailings. The panel lists them (no
 * grid, so no widths); its export sorts and filters them by SQL.
 */
import type { ColumnSpec } from './columnSpec';

export const profileClickColumnList = [
  { id: 'emailingId', header: 'Emailing', format: 'id', sortable: true, filter: 'number' },
  // Publisher and Marketing Suite number their emailings apart: the ID needs its product beside it.
  { id: 'product', header: 'Product', format: 'text', sortable: true, filter: 'none' },
  { id: 'subject', header: 'Subject', format: 'text', sortable: true, filter: 'text' },
  { id: 'timestamp', header: 'Clicked at', format: 'wallClock', sortable: true, filter: 'date' },
  { id: 'link', header: 'Link', format: 'text', sortable: true, filter: 'text' },
  { id: 'linkTitle', header: 'Link title', format: 'text', sortable: true, filter: 'text' },
  { id: 'id', header: 'Click ID', format: 'id', sortable: true, filter: 'number' },
  { id: 'subprofile', header: 'Subprofile', format: 'id', sortable: true, filter: 'number' },
] as const satisfies readonly ColumnSpec[];

export type ProfileClickColumnId = (typeof profileClickColumnList)[number]['id'];
