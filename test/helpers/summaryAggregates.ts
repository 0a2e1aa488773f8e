import type Database from 'better-sqlite3';

type Row = Record<string, number | null>;

/**
 * Every row of an emailing's two summaries beside the same totals computed with GROUP BY over
 * its cached clicks: the summaries are right exactly when the two halves are equal.
 */
export function summariesAndAggregates(
  db: Database.Database,
  emailingKey: number,
): { summaries: { links: Row[]; profiles: Row[] }; aggregates: { links: Row[]; profiles: Row[] } } {
  const all = (sql: string): Row[] => db.prepare(sql).all(emailingKey) as Row[];
  return {
    summaries: {
      links: all(
        `SELECT link, clicks, unique_profiles AS uniq, first_ts AS first, last_ts AS last
           FROM link_stats WHERE emailing_id = ? ORDER BY link`,
      ),
      profiles: all(
        `SELECT profile, clicks, unique_links AS uniq, first_ts AS first, last_ts AS last
           FROM profile_stats WHERE emailing_id = ? ORDER BY profile`,
      ),
    },
    aggregates: {
      links: all(
        `SELECT link, COUNT(*) AS clicks, COUNT(DISTINCT profile) AS uniq, MIN(ts_local) AS first,
                MAX(ts_local) AS last
           FROM clicks WHERE emailing_id = ? AND link IS NOT NULL GROUP BY link ORDER BY link`,
      ),
      profiles: all(
        `SELECT profile, COUNT(*) AS clicks, COUNT(DISTINCT link) AS uniq, MIN(ts_local) AS first,
                MAX(ts_local) AS last
           FROM clicks WHERE emailing_id = ? GROUP BY profile ORDER BY profile`,
      ),
    },
  };
}
