/**
 * The indexes of the clicks table that the grids sort and filter on: one per sortable column.
 *
 * Keeping eight indexes up to date costs most of the time of a large first sync (a million
 * clicks insert about four times slower with them), and indexes grown by random inserts are a
 * third larger than ones built in one go. So a large first sync of an emailing that dwarfs the
 * rest of the cache drops them and builds them again when it ends; `ensureGridIndexes` also runs
 * when the cache opens, so a sync killed in the middle leaves nothing missing for long.
 * Changing this list needs a migration. Click-ID order has no index of its own: the primary key
 * of the WITHOUT ROWID table, (emailing_id, id), is that order (migration 12 dropped
 * clicks_by_emailing, which repeated it).
 *
 * The views name these indexes with INDEXED BY, because without the planner's statistics they
 * are the only good plans. But an index can be absent while a bulk load runs, in this process
 * or in another one on the same file (the CLI from cron beside the app), and a statement naming
 * an absent index fails with "no such index". So no view names an index without asking first:
 * withoutMissingGridIndexes drops the hint of an absent one and the planner answers, slower but
 * right. The bulk load itself only starts in a cache holding no other emailing's clicks (see
 * sync/syncEmailingClicks.ts), so other emailings keep their fast plans, and the ingest keeps
 * its speed: the alternatives cost it the index upkeep on every insert (keeping the indexes) or
 * a second copy of every click (a staging table moved at the end).
 */
import type Database from 'better-sqlite3';

export const gridIndexes = {
  clicks_by_time: 'clicks (emailing_id, ts_local)',
  clicks_by_link: 'clicks (emailing_id, link)',
  clicks_by_ip: 'clicks (emailing_id, ip)',
  clicks_by_user_agent: 'clicks (emailing_id, user_agent)',
  clicks_by_referer: 'clicks (emailing_id, referer)',
  clicks_by_destination: 'clicks (emailing_id, destination)',
  clicks_by_profile: 'clicks (emailing_id, profile)',
  clicks_by_subprofile: 'clicks (emailing_id, subprofile)',
} as const;

export function ensureGridIndexes(db: Database.Database): void {
  for (const [name, on] of Object.entries(gridIndexes))
    db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
}

export function dropGridIndexes(db: Database.Database): void {
  for (const name of Object.keys(gridIndexes)) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

export function missingGridIndexes(db: Database.Database): string[] {
  const present = new Set(
    (
      db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'clicks'`).all() as {
        name: string;
      }[]
    ).map((r) => r.name),
  );
  return Object.keys(gridIndexes).filter((name) => !present.has(name));
}

/**
 * The SQL with every INDEXED BY of an absent grid index removed (the statement-cache key of the
 * views, so a statement prepared while an index existed is not reused once it is gone).
 */
export function withoutMissingGridIndexes(db: Database.Database, sql: string): string {
  if (!sql.includes('INDEXED BY')) return sql;
  const missing = new Set(missingGridIndexes(db));
  if (missing.size === 0) return sql;
  return sql.replace(/INDEXED BY (\w+)/g, (hint, name: string) => (missing.has(name) ? '' : hint));
}
