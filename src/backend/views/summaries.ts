/**
 * Per-link and per-profile totals of one emailing. COUNT(DISTINCT …) over a million clicks takes
 * seconds, far too slow for a view that must answer in 100 ms, so the totals are computed once
 * when a sync of the emailing finishes (in the worker, off the window's thread) and the views
 * read these tables.
 */
import type Database from 'better-sqlite3';

export function refreshSummaries(db: Database.Database, emailingKey: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM link_stats WHERE emailing_id = ?').run(emailingKey);
    // DISTINCT (link, profile) pairs come straight off the (emailing_id, link) index plus a
    // lookup; grouping them again gives unique profiles per link.
    db.prepare(
      `INSERT INTO link_stats (emailing_id, link, clicks, unique_profiles, first_ts, last_ts)
       SELECT @key, link, COUNT(*), COUNT(DISTINCT profile), MIN(ts_local), MAX(ts_local)
         FROM clicks WHERE emailing_id = @key AND link IS NOT NULL GROUP BY link`,
    ).run({ key: emailingKey });
    db.prepare('DELETE FROM profile_stats WHERE emailing_id = ?').run(emailingKey);
    db.prepare(
      `INSERT INTO profile_stats (emailing_id, profile, clicks, unique_links, first_ts, last_ts)
       SELECT @key, profile, COUNT(*), COUNT(DISTINCT link), MIN(ts_local), MAX(ts_local)
         FROM clicks WHERE emailing_id = @key GROUP BY profile`,
    ).run({ key: emailingKey });
  })();
  // Fresh statistics let the planner pick the right index for filtered grid queries.
  db.pragma('optimize');
}
