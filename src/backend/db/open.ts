import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
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

/** Opens (creating if needed) the cache, sets the pragmas we rely on and runs migrations. */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): CacheDatabase {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: CacheDatabase;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      timeout: 10_000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new AppError('io_error', `Cannot open the cache file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // The connection that switches to WAL still reports FULL; NORMAL is safe in WAL mode and
      // spares an fsync per transaction.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    // A page of 1000 clicks dirties a few thousand index pages once the cache is large; with the
    // default checkpoint every 1000 WAL pages every page commit paid a checkpoint and its fsyncs.
    // 16,384 pages (64 MB of WAL) lets a refresh checkpoint every few pages, each page rewritten
    // by several commits being copied once.
    db.pragma('wal_autocheckpoint = 16384');
    if (!options.readonly) {
      migrate(db);
      // A large first sync that was killed leaves them dropped (db/gridIndexes.ts).
      ensureGridIndexes(db);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('io_error', `The cache file ${path} cannot be used: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
