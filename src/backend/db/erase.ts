/**
 * Removing cached data so that none of it stays readable in the file. A DELETE alone is not
 * enough: user agents and referers live in `texts`, which no emailing owns; deleted cells linger
 * in free pages (unless `secure_delete`, set in open.ts); and the WAL holds copies of pages until
 * a checkpoint. So: the rows, then the texts nothing points at any more, then a checkpoint, a
 * VACUUM that rewrites the file without free pages, and a checkpoint that truncates the WAL.
 */
import type Database from 'better-sqlite3';
import type { CacheRemovalProgress } from '../../shared/contract';
import { writeTransaction } from './writeTransaction';

export type RemovalProgress = Omit<CacheRemovalProgress, 'accountId' | 'emailingKey'>;
export type OnRemovalProgress = (progress: RemovalProgress) => void;

/** Clicks deleted per step: a progress event per step, about 13 for a 250,000-click emailing. */
export const clicksPerStep = 20_000;

/**
 * Counts the clicks of these emailings for the progress total. Clicks have no foreign key (a
 * sync inserts millions), so they never go by cascade.
 */
export function countClicks(db: Database.Database, emailingKeys: readonly number[]): number {
  const count = db.prepare('SELECT COUNT(*) FROM clicks WHERE emailing_id = ?').pluck();
  return emailingKeys.reduce((sum, key) => sum + (count.get(key) as number), 0);
}

/**
 * Deletes the clicks of these emailings a step at a time in click-ID order (a range of the
 * primary key each time), reporting after each step. Runs inside the caller's transaction, so
 * a removal that is interrupted leaves the cache as it was.
 */
export function deleteClicks(
  db: Database.Database,
  emailingKeys: readonly number[],
  total: number,
  onProgress: OnRemovalProgress,
): void {
  const boundary = db
    .prepare('SELECT id FROM clicks WHERE emailing_id = ? ORDER BY id LIMIT 1 OFFSET ?')
    .pluck();
  const deleteUpTo = db.prepare('DELETE FROM clicks WHERE emailing_id = ? AND id <= ?');
  const deleteRest = db.prepare('DELETE FROM clicks WHERE emailing_id = ?');
  let removed = 0;
  for (const key of emailingKeys) {
    for (;;) {
      const last = boundary.get(key, clicksPerStep - 1) as number | undefined;
      const { changes } = last === undefined ? deleteRest.run(key) : deleteUpTo.run(key, last);
      removed += changes;
      if (changes > 0) onProgress({ phase: 'deleting', removed, total });
      if (last === undefined) break;
    }
  }
}

/** User agents and referers no click refers to any more (one pass over two indexes of clicks). */
export function deleteOrphanTexts(db: Database.Database): number {
  return db
    .prepare(
      `DELETE FROM texts
        WHERE id NOT IN (SELECT user_agent FROM clicks WHERE user_agent IS NOT NULL)
          AND id NOT IN (SELECT referer FROM clicks WHERE referer IS NOT NULL)`,
    )
    .run().changes;
}

/**
 * Rewrites the file without the removed rows' pages and empties the WAL. VACUUM is a single
 * statement and reports no progress of its own: one 'compacting' step. It needs free disk space
 * about the size of the file; when it fails the rows are gone all the same (secure_delete
 * zeroed them), so the failure is logged, not thrown.
 */
export function compactFile(
  db: Database.Database,
  total: number,
  onProgress: OnRemovalProgress,
  log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): void {
  onProgress({ phase: 'compacting', removed: total, total });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    log('[cache removal] compacting the cache file failed; the removed rows are zeroed', error);
  }
  onProgress({ phase: 'done', removed: total, total });
}

/**
 * The whole removal, in the order that leaves no trace: in one transaction the clicks of the
 * emailings `keysOf` names (read inside it, so a concurrent writer cannot slip one in), then what
 * `removeRest` deletes, then the texts nothing points at any more; then the file compacted.
 */
export function eraseEmailingClicks(
  db: Database.Database,
  keysOf: () => readonly number[],
  removeRest: () => void,
  onProgress: OnRemovalProgress,
): void {
  let total = 0;
  writeTransaction(db, () => {
    const keys = keysOf();
    total = countClicks(db, keys);
    deleteClicks(db, keys, total, onProgress);
    removeRest();
    deleteOrphanTexts(db);
  });
  compactFile(db, total, onProgress);
}
