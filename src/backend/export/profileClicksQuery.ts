/**
 * The drill-down's clicks (one profile across the account's cached emailings, as the profile
 * panel shows them: profileDetails.ts, newest first, at most PROFILE_CLICKS_LIMIT) under a sort
 * and a filter over a whitelist of its columns.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { DateRange, FilterModel, SortModel } from '../../shared/schemas/grid';
import { PROFILE_CLICKS_SQL, type ProfileClick } from '../accounts/profileDetails';
import { formatWallClock } from '../../shared/wallClock';
import { andAll, type ColumnSql, dateRangeSql, filterModelSql } from '../views/filterSql';

const columns: Record<string, ColumnSql> = {
  emailingId: { kind: 'number', expr: 's.emailingId' },
  subject: { kind: 'text', expr: 's.subject' },
  timestamp: { kind: 'date', expr: 's.tsLocal' },
  link: { kind: 'text', expr: 's.link' },
  linkTitle: { kind: 'text', expr: 's.linkTitle' },
  id: { kind: 'number', expr: 's.id' },
  subprofile: { kind: 'number', expr: 's.subprofile' },
};

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
  const order = query.sortModel.map(({ colId, sort }) => {
    const column = Object.hasOwn(columns, colId) ? columns[colId] : undefined;
    if (!column) throw new AppError('invalid_input', `The column "${colId}" cannot be sorted.`);
    return `${column.expr} ${sort === 'desc' ? 'DESC' : 'ASC'}`;
  });
  const sql =
    `SELECT * FROM (${PROFILE_CLICKS_SQL}) AS s${where.sql ? ` WHERE ${where.sql}` : ''} ` +
    `ORDER BY ${[...order, 's.tsLocal DESC', 's.id DESC'].join(', ')}`;
  const rows = db.prepare(sql).iterate(query.accountId, query.profileId, ...where.params);
  for (const { tsLocal, tsRaw, ...rest } of rows as IterableIterator<SqlRow>) {
    yield { ...rest, timestamp: tsRaw ?? (tsLocal === null ? null : formatWallClock(tsLocal)) };
  }
}
