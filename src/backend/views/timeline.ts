/**
 * Clicks per hour or per day of one emailing, for the whole emailing or the clicks grid's current
 * filter. Buckets are wall-clock hours/days in the account's zone, the way the user reads times.
 */
import type Database from 'better-sqlite3';
import type { TimelineRequest } from '../../shared/schemas/grid';
import type { Timeline } from '../../shared/schemas/views';
import { formatWallClock } from '../../shared/wallClock';
import { clickColumnSql, type ClickColumnSql } from './clickColumns';
import { andAll, dateRangeSql } from './filterSql';
import { viewFilterSql } from '../profiles/profileColumnsSql';
import { StatementCache } from './statementCache';
import { humanClicksOnly } from './verdictSql';

const SECONDS = { hour: 3600, day: 86_400 } as const;

export class TimelineView {
  private readonly statements: StatementCache;

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  timeline(request: TimelineRequest): Timeline {
    const size = SECONDS[request.bucket];
    const where = andAll(
      viewFilterSql(
        this.db,
        request.emailingKey,
        request.filterModel,
        clickColumnSql as Record<string, ClickColumnSql>,
        'c.profile',
      ),
      dateRangeSql(request.dateRange, 'c.ts_local'),
      humanClicksOnly(request),
    );
    const rows = this.statements
      .get(
        `SELECT (c.ts_local / ${size}) * ${size} AS start, COUNT(*) AS clicks FROM clicks AS c
          WHERE c.emailing_id = ? AND c.ts_local IS NOT NULL${where.sql ? ` AND ${where.sql}` : ''}
          GROUP BY 1 ORDER BY 1`,
      )
      .all(request.emailingKey, ...where.params) as { start: number; clicks: number }[];
    return {
      bucket: request.bucket,
      points: rows.map((r) => ({ start: formatWallClock(r.start), clicks: r.clicks })),
    };
  }
}
