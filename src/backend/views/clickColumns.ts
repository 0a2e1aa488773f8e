/**
 * The clicks grid's columns as SQL: the whitelist every sort and filter goes through. Link, title
 * and link ID live in `links`, user agent and referer in `texts`; the click row references them.
 */
import type { ClickColumn } from '../../shared/schemas/views';
import type { ColumnSql } from './filterSql';

/** How a column sorts: on a click column with its own index, or by a dictionary's text. */
export type SortKind =
  | { kind: 'column'; expr: string; index: string }
  | { kind: 'dictionary'; ref: 'link' | 'user_agent' | 'referer'; index: string; valueSql: string };

export interface ClickColumnSql extends ColumnSql {
  sort: SortKind;
}

const link = (column: string) => ({ ref: 'c.link', table: 'links' as const, column });
const text = (ref: string) => ({ ref, table: 'texts' as const, column: 'value' });

export const clickColumnSql: Record<ClickColumn, ClickColumnSql> = {
  id: { kind: 'number', expr: 'c.id', sort: { kind: 'column', expr: 'c.id', index: 'clicks_by_emailing' } },
  linkId: {
    kind: 'number',
    expr: 'c.link',
    dictionary: link('link_id'),
    sort: {
      kind: 'dictionary',
      ref: 'link',
      index: 'clicks_by_link',
      valueSql: 'SELECT id AS k, link_id AS v FROM links WHERE id IN',
    },
  },
  link: {
    kind: 'text',
    expr: 'c.link',
    dictionary: link('url'),
    sort: {
      kind: 'dictionary',
      ref: 'link',
      index: 'clicks_by_link',
      valueSql: 'SELECT id AS k, url AS v FROM links WHERE id IN',
    },
  },
  linkTitle: {
    kind: 'text',
    expr: 'c.link',
    dictionary: link('title'),
    sort: {
      kind: 'dictionary',
      ref: 'link',
      index: 'clicks_by_link',
      valueSql: 'SELECT id AS k, title AS v FROM links WHERE id IN',
    },
  },
  timestamp: {
    kind: 'date',
    expr: 'c.ts_local',
    sort: { kind: 'column', expr: 'c.ts_local', index: 'clicks_by_time' },
  },
  ip: { kind: 'text', expr: 'c.ip', sort: { kind: 'column', expr: 'c.ip', index: 'clicks_by_ip' } },
  userAgent: {
    kind: 'text',
    expr: 'c.user_agent',
    dictionary: text('c.user_agent'),
    sort: {
      kind: 'dictionary',
      ref: 'user_agent',
      index: 'clicks_by_user_agent',
      valueSql: 'SELECT id AS k, value AS v FROM texts WHERE id IN',
    },
  },
  referer: {
    kind: 'text',
    expr: 'c.referer',
    dictionary: text('c.referer'),
    sort: {
      kind: 'dictionary',
      ref: 'referer',
      index: 'clicks_by_referer',
      valueSql: 'SELECT id AS k, value AS v FROM texts WHERE id IN',
    },
  },
  destination: {
    kind: 'number',
    expr: 'c.destination',
    sort: { kind: 'column', expr: 'c.destination', index: 'clicks_by_destination' },
  },
  profile: {
    kind: 'number',
    expr: 'c.profile',
    sort: { kind: 'column', expr: 'c.profile', index: 'clicks_by_profile' },
  },
  subprofile: {
    kind: 'number',
    expr: 'c.subprofile',
    sort: { kind: 'column', expr: 'c.subprofile', index: 'clicks_by_subprofile' },
  },
};
