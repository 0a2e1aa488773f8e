/** The clicks grid: one row per click, every column sortable and filterable by SQL. */
import type { ColumnSpec } from './columnSpec';

export const clickColumnList = [
  // When and who first, pinned when and named what before where: the order an account manager
  // reads a click in. The IDs Copernica keys clicks by come last, hidden until asked for.
  {
    id: 'timestamp',
    header: 'Clicked at',
    format: 'wallClock',
    sortable: true,
    filter: 'date',
    width: 190,
    pinned: true,
  },
  { id: 'profile', header: 'Profile', format: 'id', sortable: true, filter: 'number', width: 110 },
  { id: 'linkTitle', header: 'Link title', format: 'text', sortable: true, filter: 'text', width: 200 },
  { id: 'link', header: 'Link', format: 'text', sortable: true, filter: 'text', width: 280 },
  { id: 'ip', header: 'IP address', format: 'text', sortable: true, filter: 'text', width: 140 },
  { id: 'userAgent', header: 'User agent', format: 'text', sortable: true, filter: 'text', width: 260 },
  { id: 'referer', header: 'Referer', format: 'text', sortable: true, filter: 'text', width: 180 },
  // Derived by the app, not sent by Copernica: the bot verdict with its reasons, the user agent's device.
  { id: 'verdict', header: 'Verdict', format: 'text', sortable: false, filter: 'text', width: 230 },
  { id: 'deviceType', header: 'Device type', format: 'text', sortable: false, filter: 'text', width: 120 },
  { id: 'os', header: 'Operating system', format: 'text', sortable: false, filter: 'text', width: 150 },
  {
    id: 'client',
    header: 'Browser or mail client',
    format: 'text',
    sortable: false,
    filter: 'text',
    width: 170,
  },
  { id: 'id', header: 'Click ID', format: 'id', sortable: true, filter: 'number', width: 130, hidden: true },
  {
    id: 'linkId',
    header: 'Link ID',
    format: 'id',
    sortable: true,
    filter: 'number',
    width: 100,
    hidden: true,
  },
  {
    id: 'destination',
    header: 'Destination',
    format: 'id',
    sortable: true,
    filter: 'number',
    width: 120,
    hidden: true,
  },
  {
    id: 'subprofile',
    header: 'Subprofile',
    format: 'id',
    sortable: true,
    filter: 'number',
    width: 120,
    hidden: true,
  },
] as const satisfies readonly ColumnSpec[];

export type ClickColumnId = (typeof clickColumnList)[number]['id'];
