/**
 * The indexes of the clicks table that the grids sort and filter on: one per sortable column.
 *
 * Keeping eight indexes up to date costs most of the time of a large first sync (a million
 * clicks insert about four times slower with them), and indexes grown by random inserts are a
 * third larger than ones built in one go. So a large first sync of an emailing that dwarfs the
 * rest of the cache drops them and builds them again when it ends; `ensureGridIndexes` also runs
 * when the cache opens, so a sync killed in the middle leaves nothing missing for long.
 * Changing this list needs a migration.
 */
import type Database from 'better-sqlite3';

export const gridIndexes = {
  // (emailing_id) on a WITHOUT ROWID table is (emailing_id, id): click-ID order without the wide rows.
  clicks_by_emailing: 'clicks (emailing_id)',
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
