/**
 * The clicks grid's columns as SQL: the whitelist every sort and filter goes through. Link, title
 * and link ID live in `links`, user agent and referer in `texts`; the click row references them.
 */
import { clickColumnList } from '../../shared/columns/clickColumns';
import type { ClickColumn } from '../../shared/schemas/views';
import { type ColumnExpression, columnSql } from './columnSql';
import type { ColumnSql } from './filterSql';
import { deviceSql, VERDICT_SQL } from './verdictSql';

/**
 * How a column sorts: on a click column with its own index (null: the primary key, whose
 * (emailing_id, id) is the click-ID order), or by a dictionary's text.
 */
export type SortKind =
  | { kind: 'column'; expr: string; index: string | null }
  | { kind: 'dictionary'; ref: 'link' | 'user_agent' | 'referer'; index: string; valueSql: string };

export interface ClickColumnSql extends ColumnSql {
  sort: SortKind;
}

type ClickExpression = ColumnExpression & { sort: SortKind };

const idSort: SortKind = { kind: 'column', expr: 'c.id', index: null };

const link = (column: string) => ({ ref: 'c.link', table: 'links' as const, column });
const text = (ref: string) => ({ ref, table: 'texts' as const, column: 'value' });

const expressions: Record<ClickColumn, ClickExpression> = {
  id: { expr: 'c.id', sort: idSort },
  linkId: {
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
    expr: 'c.ts_local',
    sort: { kind: 'column', expr: 'c.ts_local', index: 'clicks_by_time' },
  },
  ip: { expr: 'c.ip', sort: { kind: 'column', expr: 'c.ip', index: 'clicks_by_ip' } },
  userAgent: {
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
    expr: 'c.destination',
    sort: { kind: 'column', expr: 'c.destination', index: 'clicks_by_destination' },
  },
  profile: {
    expr: 'c.profile',
    sort: { kind: 'column', expr: 'c.profile', index: 'clicks_by_profile' },
  },
  subprofile: {
    expr: 'c.subprofile',
    sort: { kind: 'column', expr: 'c.subprofile', index: 'clicks_by_subprofile' },
  },
  // Derived columns do not sort (their list says so and clickSort refuses them before any order is
  // read): the click ID's order only completes the entry.
  verdict: { expr: VERDICT_SQL, sort: idSort },
  deviceType: { expr: deviceSql('device'), sort: idSort },
  os: { expr: deviceSql('os'), sort: idSort },
  client: { expr: deviceSql('client'), sort: idSort },
};

export const clickColumnSql: Record<ClickColumn, ClickColumnSql> = columnSql(clickColumnList, expressions);
