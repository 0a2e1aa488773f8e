/**
 * The drill-down's clicks (one profile across the account's cached emailings, as the profile
 * panel shows them: profileDetails.ts, newest first, at most PROFILE_CLICKS_LIMIT) under a sort
 * and a filter over a whitelist of its columns.
 */
import type Database from 'better-sqlite3';
import { profileClickColumnList } from '../../shared/columns/profileClickColumns';
import type { DateRange, FilterModel, SortModel } from '../../shared/schemas/grid';
import { PROFILE_CLICKS_SQL, type ProfileClick } from '../accounts/profileDetails';
import { clickTimestamp } from '../views/clickRows';
import { columnSql } from '../views/columnSql';
import { andAll, dateRangeSql, filterModelSql } from '../views/filterSql';
import { orderByClause } from '../views/orderBy';

const columns = columnSql(profileClickColumnList, {
  emailingId: { expr: 's.emailingId' },
  product: { expr: 's.product' },
  subject: { expr: 's.subject' },
  timestamp: { expr: 's.tsLocal' },
  link: { expr: 's.link' },
  linkTitle: { expr: 's.linkTitle' },
  id: { expr: 's.id' },
  subprofile: { expr: 's.subprofile' },
});

/** After the export's sort, newest first as the panel lists them. */
const profileClickOrder = { fallback: [], tieBreak: ['s.tsLocal DESC', 's.id DESC'] };

type SqlRow = Omit<ProfileClick, 'timestamp'> & { tsLocal: number | null; tsRaw: string | null };

export interface ProfileClicksQuery {
  accountId: number;
  profileId: number;
  sortModel: SortModel;
  filterModel: FilterModel;
  dateRange?: DateRange;
}

export function* iterateProfileClicks(
  db: Database.Database,
  query: ProfileClicksQuery,
): Generator<ProfileClick> {
  const where = andAll(
    filterModelSql(query.filterModel, columns),
    dateRangeSql(query.dateRange, 's.tsLocal'),
  );
  const sql =
    `SELECT * FROM (${PROFILE_CLICKS_SQL}) AS s${where.sql ? ` WHERE ${where.sql}` : ''} ` +
    `ORDER BY ${orderByClause(query.sortModel, columns, profileClickOrder)}`;
  const rows = db.prepare(sql).iterate(query.accountId, query.profileId, ...where.params);
  for (const { tsLocal, tsRaw, ...rest } of rows as IterableIterator<SqlRow>) {
    yield { ...rest, timestamp: clickTimestamp(tsRaw, tsLocal) };
  }
}
