/**
 * Snapshots of Copernica's statistics per emailing. Every refresh fetches them; one that finds
 * them as they were only moves the snapshot's fetch time on, one that finds them changed adds a
 * snapshot and keeps the old one, so that a report can say "as of" and figures offline show
 * the last snapshot with its date.
 */
import type Database from 'better-sqlite3';
import type { CopernicaStatistics } from './copernicaStatistics';

export interface StatisticsSnapshot {
  statistics: CopernicaStatistics;
  /** When these figures were first fetched, ISO 8601 UTC. */
  firstFetchedAt: string;
  /** When they were last fetched (and found unchanged), ISO 8601 UTC. */
  fetchedAt: string;
}

interface SnapshotRow {
  id: number;
  body: string;
  first_fetched_at: string;
  fetched_at: string;
}

function toSnapshot(row: SnapshotRow): StatisticsSnapshot {
  return {
    statistics: JSON.parse(row.body) as CopernicaStatistics,
    firstFetchedAt: row.first_fetched_at,
    fetchedAt: row.fetched_at,
  };
}

const latestRow = `SELECT id, body, first_fetched_at, fetched_at FROM copernica_statistics
                    WHERE emailing_id = ? ORDER BY id DESC LIMIT 1`;

/** Keeps the statistics a refresh fetched; 'changed' when they differ from the last snapshot. */
export function recordStatistics(
  db: Database.Database,
  emailingKey: number,
  statistics: CopernicaStatistics,
  fetchedAt: Date,
): 'first' | 'changed' | 'unchanged' {
  const body = JSON.stringify(statistics);
  const at = fetchedAt.toISOString();
  const last = db.prepare(latestRow).get(emailingKey) as SnapshotRow | undefined;
  if (last && last.body === body) {
    db.prepare('UPDATE copernica_statistics SET fetched_at = ? WHERE id = ?').run(at, last.id);
    return 'unchanged';
  }
  db.prepare(
    'INSERT INTO copernica_statistics (emailing_id, body, first_fetched_at, fetched_at) VALUES (?, ?, ?, ?)',
  ).run(emailingKey, body, at, at);
  return last ? 'changed' : 'first';
}

/** The last snapshot of the emailing's statistics, or null when none was ever fetched. */
export function latestStatistics(db: Database.Database, emailingKey: number): StatisticsSnapshot | null {
  const row = db.prepare(latestRow).get(emailingKey) as SnapshotRow | undefined;
  return row ? toSnapshot(row) : null;
}

/** When the snapshot before the last was last fetched; null when only one was kept. */
export function previousStatisticsFetchedAt(db: Database.Database, emailingKey: number): string | null {
  return (
    (db
      .prepare(
        `SELECT fetched_at FROM copernica_statistics WHERE emailing_id = ? ORDER BY id DESC LIMIT 1 OFFSET 1`,
      )
      .pluck(true)
      .get(emailingKey) as string | undefined) ?? null
  );
}

/** Every snapshot kept, newest first. */
export function statisticsHistory(db: Database.Database, emailingKey: number): StatisticsSnapshot[] {
  return (
    db
      .prepare(
        `SELECT id, body, first_fetched_at, fetched_at FROM copernica_statistics
          WHERE emailing_id = ? ORDER BY id DESC`,
      )
      .all(emailingKey) as SnapshotRow[]
  ).map(toSnapshot);
}
