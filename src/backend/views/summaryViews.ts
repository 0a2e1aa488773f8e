/**
 * The links and profiles views read the per-link and per-profile totals computed at the end of
 * each sync (summaryTables.ts). With a date range the totals are computed for that range instead:
 * links are few, so that is one grouped query on the time index; profiles are many, so a range
 * is answered from the clicks too but paged.
 */
import type Database from 'better-sqlite3';
import { linkColumnList } from '../../shared/columns/linkColumns';
import { profileColumnList } from '../../shared/columns/profileColumns';
import { profileSortClause, viewFilterSql } from '../profiles/profileColumnsSql';
import type { BlockRequest, ViewRequest } from '../../shared/schemas/grid';
import type { LinkRow, ProfileRow } from '../../shared/schemas/views';
import { withoutMissingGridIndexes } from '../db/gridIndexes';
import { formatWallClock } from '../../shared/wallClock';
import { columnSql } from './columnSql';
import { dataVersion } from './dataVersion';
import { hasRange, rangeBounds } from './dateRange';
import { andAll, filterModelSql, type SqlCondition } from './filterSql';
import { orderByClause } from './orderBy';
import { Lru, StatementCache } from './statementCache';

const wall = (seconds: number | null): string | null => (seconds === null ? null : formatWallClock(seconds));

/** The links view's columns over the alias `s` of a per-link totals row. */
const linkColumnSql = columnSql(linkColumnList, {
  linkId: { expr: 's.link_id' },
  link: { expr: 's.url' },
  linkTitle: { expr: 's.title' },
  clicks: { expr: 's.clicks' },
  uniqueProfiles: { expr: 's.unique_profiles' },
  share: { expr: 's.share' },
  firstClick: { expr: 's.first_ts' },
  lastClick: { expr: 's.last_ts' },
});

const profileColumnSql = columnSql(profileColumnList, {
  profile: { expr: 's.profile' },
  clicks: { expr: 's.clicks' },
  uniqueLinks: { expr: 's.unique_links' },
  firstClick: { expr: 's.first_ts' },
  lastClick: { expr: 's.last_ts' },
});

/** Most clicks first, as the totals are read; the link or profile makes the order total. */
const linkOrder = { fallback: ['s.clicks DESC'], tieBreak: ['s.link'] };
const profileOrder = { fallback: ['s.clicks DESC'], tieBreak: ['s.profile'] };

interface ProfileSqlRow {
  profile: number | null;
  clicks: number;
  unique_links: number;
  first_ts: number | null;
  last_ts: number | null;
}

function toProfileRow(r: ProfileSqlRow): ProfileRow {
  return {
    profile: r.profile,
    clicks: r.clicks,
    uniqueLinks: r.unique_links,
    firstClick: wall(r.first_ts),
    lastClick: wall(r.last_ts),
  };
}

export class SummaryViews {
  private readonly statements: StatementCache;
  private readonly counts = new Lru<number>(50);

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  links(request: ViewRequest): { rows: LinkRow[]; totalClicks: number } {
    // Per-link totals, from the precomputed table or, for a date range, from the time index.
    const totals: SqlCondition = hasRange(request.dateRange)
      ? {
          sql: `SELECT link, COUNT(*) AS clicks, COUNT(DISTINCT profile) AS unique_profiles,
                       MIN(ts_local) AS first_ts, MAX(ts_local) AS last_ts
                  FROM clicks INDEXED BY clicks_by_time
                 WHERE emailing_id = ? AND ts_local >= ? AND ts_local < ? AND link IS NOT NULL
                 GROUP BY link`,
          params: [request.emailingKey, ...rangeBounds(request.dateRange)],
        }
      : {
          sql: 'SELECT link, clicks, unique_profiles, first_ts, last_ts FROM link_stats WHERE emailing_id = ?',
          params: [request.emailingKey],
        };
    const base = `SELECT t.link, l.link_id, l.url, l.title, t.clicks, t.unique_profiles, t.first_ts, t.last_ts,
                         CAST(t.clicks AS REAL) / MAX(1, SUM(t.clicks) OVER ()) AS share
                    FROM (${totals.sql}) AS t JOIN links l ON l.id = t.link`;
    const where = filterModelSql(request.filterModel, linkColumnSql);
    const sql =
      `SELECT * FROM (${base}) AS s${where.sql ? ` WHERE ${where.sql}` : ''} ` +
      `ORDER BY ${orderByClause(request.sortModel, linkColumnSql, linkOrder)}`;
    const rows = this.statements.get(sql).all(...totals.params, ...where.params) as {
      link_id: number | null;
      url: string | null;
      title: string | null;
      clicks: number;
      unique_profiles: number;
      first_ts: number | null;
      last_ts: number | null;
      share: number;
    }[];
    const totalClicks = (
      this.statements
        .get(`SELECT COALESCE(SUM(clicks), 0) AS n FROM (${totals.sql})`)
        .get(...totals.params) as {
        n: number;
      }
    ).n;
    return {
      totalClicks,
      rows: rows.map((r) => ({
        linkId: r.link_id,
        link: r.url,
        linkTitle: r.title,
        clicks: r.clicks,
        uniqueProfiles: r.unique_profiles,
        share: Math.min(1, Math.max(0, r.share)),
        firstClick: wall(r.first_ts),
        lastClick: wall(r.last_ts),
      })),
    };
  }

  profilesBlock(request: BlockRequest): { rows: ProfileRow[]; rowCount: number } {
    const { filteredSql, params, order } = this.profilesQuery(request);
    const countKey = JSON.stringify([filteredSql, params, dataVersion(this.statements, request.emailingKey)]);
    let rowCount = this.counts.get(countKey);
    if (rowCount === undefined) {
      rowCount = (
        this.statements.get(`SELECT COUNT(*) AS n FROM (${filteredSql})`).get(...params) as {
          n: number;
        }
      ).n;
      this.counts.set(countKey, rowCount);
    }
    const rows = this.statements
      .get(`${filteredSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, request.endRow - request.startRow, request.startRow) as ProfileSqlRow[];
    return { rowCount, rows: rows.map(toProfileRow) };
  }

  /**
   * Every row of the profiles view in its order, read as the caller consumes it (an export). The
   * sort is of per-profile totals, a few hundred thousand small rows at most. While the iterator
   * is open the connection is busy, so an export reads through a connection of its own.
   */
  *profileRows(request: ViewRequest): Generator<ProfileRow> {
    const { filteredSql, params, order } = this.profilesQuery(request);
    const rows = this.db
      .prepare(withoutMissingGridIndexes(this.db, `${filteredSql} ORDER BY ${order}`))
      .iterate(...params);
    for (const row of rows as IterableIterator<ProfileSqlRow>) yield toProfileRow(row);
  }

  private profilesQuery(request: ViewRequest): { filteredSql: string; params: unknown[]; order: string } {
    const source: SqlCondition = hasRange(request.dateRange)
      ? {
          sql: `SELECT profile, COUNT(*) AS clicks, COUNT(DISTINCT link) AS unique_links,
                       MIN(ts_local) AS first_ts, MAX(ts_local) AS last_ts
                  FROM clicks INDEXED BY clicks_by_time
                 WHERE emailing_id = ? AND ts_local >= ? AND ts_local < ?
                 GROUP BY profile`,
          params: [request.emailingKey, ...rangeBounds(request.dateRange)],
        }
      : {
          sql: 'SELECT profile, clicks, unique_links, first_ts, last_ts FROM profile_stats WHERE emailing_id = ?',
          params: [request.emailingKey],
        };
    const where = viewFilterSql(
      this.db,
      request.emailingKey,
      request.filterModel,
      profileColumnSql,
      's.profile',
    );
    return {
      filteredSql: `SELECT * FROM (${source.sql}) AS s${where.sql ? ` WHERE ${where.sql}` : ''}`,
      params: andAll(source, where).params,
      order:
        profileSortClause(this.db, request.emailingKey, request.sortModel, 's.profile', [
          ...profileOrder.fallback,
          ...profileOrder.tieBreak,
        ]) ?? orderByClause(request.sortModel, profileColumnSql, profileOrder),
    };
  }
}
