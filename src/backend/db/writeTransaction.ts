import type Database from 'better-sqlite3';
import { asBusyError } from './busy';

/**
 * Runs fn in an IMMEDIATE transaction: the write lock is taken at BEGIN, waiting the busy
 * timeout while another program (the app, the CLI from cron) commits. A DEFERRED transaction
 * that reads before it writes cannot wait there: SQLite fails its first write at once with
 * SQLITE_BUSY, since waiting with a read snapshot open could deadlock. A lock held past the
 * timeout is the 'busy' AppError.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (error) {
    throw asBusyError(error);
  }
}
