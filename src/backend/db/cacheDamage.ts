/**
 * Tells a damaged cache file from other failures when it is opened, and moves a damaged one
 * aside. A file that is not a database, is malformed or cannot be opened is no use to the app,
 * but it may be the only copy of months of clicks: it is renamed, never deleted, so that it can
 * be sent along with a bug report or repaired with the sqlite3 shell.
 */
import { existsSync, renameSync } from 'node:fs';

/** SQLite's codes for a file that is not (or no longer) a usable database. */
const damageCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

export function isDamagedCacheError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // Extended codes (SQLITE_CORRUPT_VTAB, SQLITE_CANTOPEN_ISDIR…) name their family first.
  return [...damageCodes].some((family) => code === family || code.startsWith(`${family}_`));
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
