/**
 * Tells a damaged cache file from other failures when it is opened, and moves a damaged one
 * aside. A file that is not a database, is malformed or cannot be opened is no use to the app,
 * but it may be the only copy of months of clicks: it is renamed, never deleted, so that it can
 * be sent along with a bug report or repaired with the sqlite3 shell.
 */
import { closeSync, existsSync, openSync, readSync, renameSync } from 'node:fs';

/** SQLite's codes for a file that is not (or no longer) a usable database. */
const damageCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

export function isDamagedCacheError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // Extended codes (SQLITE_CORRUPT_VTAB, SQLITE_CANTOPEN_ISDIR…) name their family first.
  return [...damageCodes].some((family) => code === family || code.startsWith(`${family}_`));
}

/** The first 16 bytes of every SQLite 3 database file. */
const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Why the file at `path` cannot be a SQLite database, read from its first bytes, or null when it
 * may be one (missing and empty files are new caches). Checked before SQLite opens the file:
 * SQLite would treat a -wal beside a file that is not a database as its own and delete it when
 * the connection closes, and a damaged file's companions must stay as they were.
 */
export function notADatabaseReason(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // missing or unreadable: SQLite says which when it opens it
  }
  try {
    const head = Buffer.alloc(sqliteHeader.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0) return null;
    if (read < head.length) return 'the file is too short to be a database';
    return head.equals(sqliteHeader) ? null : 'file is not a database';
  } finally {
    closeSync(fd);
  }
}

/** `copernica-clicks.db.damaged-2026-12-01T21-00-00`: sorts by time and is valid on every platform. */
export function damagedName(path: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${path}.damaged-${stamp}`;
}

/**
 * Renames the cache file and its -wal and -shm companions (the WAL may hold the newest pages)
 * to the damaged name, keeping the suffixes. Returns the new name of the database file.
 */
export function moveDamagedCacheAside(path: string, at: Date): string {
  let target = damagedName(path, at);
  // Two failures within a second must not overwrite the first file moved aside.
  for (let n = 2; existsSync(target); n += 1) target = `${damagedName(path, at)}-${n}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${target}${suffix}`);
  }
  return target;
}
