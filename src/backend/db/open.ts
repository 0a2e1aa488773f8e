import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import { createMissingFolders, ensurePrivateFile, tightenIfPresent } from '../privateFiles';
import { isDamagedCacheError, notADatabaseReason } from './cacheDamage';
import { WRITER_CHECKPOINT_PAGES } from './checkpointer';
import { ensureGridIndexes } from './gridIndexes';
import { migrate } from './migrations';

export interface OpenDatabaseOptions {
  /**
   * A better_sqlite3.node built for another ABI. The Electron app passes its own build here, so
   * that node_modules keeps the Node build that tests and the CLI load.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

export type CacheDatabase = Database.Database;

/** The page cache of each connection, in KiB (see the pragma below). */
export const PAGE_CACHE_KIB = 256 * 1024;

/**
 * Opens (creating if needed) the cache, sets the pragmas we rely on and runs migrations. A file
 * that is not a usable database fails with `cache_damaged` (see cacheDamage.ts), anything else
 * that stops it with `io_error`.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): CacheDatabase {
  const notADatabase = path === ':memory:' ? null : notADatabaseReason(path);
  if (notADatabase !== null) throw damagedError(path, notADatabase);
  if (path !== ':memory:' && !options.readonly) {
    try {
      createMissingFolders(dirname(path));
      // Created 0600 before SQLite opens it: SQLite gives -wal and -shm the mode of the database
      // file (unix), so they are private too. Files of older versions are tightened.
      ensurePrivateFile(path);
      tightenIfPresent(`${path}-wal`);
      tightenIfPresent(`${path}-shm`);
    } catch (error) {
      throw openError(path, error);
    }
  }
  let db: CacheDatabase;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      timeout: 10_000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw openError(path, error);
  }
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // The connection that switches to WAL still reports FULL; NORMAL is safe in WAL mode and
      // spares an fsync per transaction.
      db.pragma('synchronous = NORMAL');
      // Deleted rows (a removed account's IPs, referers, profile fields) are overwritten with
      // zeros instead of lingering in free pages. It costs only on deletes and overwrites; a
      // sync inserts, so its cost there is the zeroing of the few cells a page split moves.
      db.pragma('secure_delete = ON');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    // A ceiling, not an allocation: pages are kept as they are read. A refresh into a large cache
    // reads and dirties leaves all over the ip, profile, destination and summary indexes; at a
    // million clicks (a file of about 260 MB) 64 MB kept only a part of them, so every commit
    // group read most of its leaves again from the file and spilled dirty ones to the WAL before
    // its commit. 256 MB holds a refresh's working set (measured: a third less CPU per refresh
    // of 10,000 clicks into 1,040,000, half the system time); a small cache never uses it.
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    // A page of 1000 clicks dirties a few thousand index pages once the cache is large; with the
    // default checkpoint every 1000 WAL pages every page commit paid a checkpoint and its fsyncs.
    // 16,384 pages (64 MB of WAL) lets a refresh checkpoint every few pages, each page rewritten
    // by several commits being copied once. The app's backend moves checkpoints to a thread of
    // their own (checkpointer.ts) and keeps this only as its fallback.
    db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    if (!options.readonly) {
      migrate(db);
      // A large first sync that was killed leaves them dropped (db/gridIndexes.ts).
      ensureGridIndexes(db);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw openError(path, error);
  }
}

function openError(path: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  if (isDamagedCacheError(error)) return damagedError(path, reason, error);
  return new AppError('io_error', `Cannot open the cache file ${path}: ${reason}`, { cause: error });
}

function damagedError(path: string, reason: string, cause?: unknown): AppError {
  return new AppError(
    'cache_damaged',
    `The cache file ${path} is damaged or is not a Copernica Clicks cache (${reason}).`,
    cause === undefined ? undefined : { cause },
  );
}
