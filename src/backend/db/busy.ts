/**
 * SQLITE_BUSY past the busy timeout: another program (the app, or the CLI run from cron) held
 * the cache's write lock the whole time. Nothing is wrong with the cache and the same work
 * succeeds once the other program has committed, so it becomes the retryable 'busy' error with a
 * message a user can act on, never a raw SqliteError.
 */
import { AppError } from '../../shared/errors';

export const BUSY_MESSAGE =
  'The cache is busy in another program (the app or a sync started from the command line); try again when it has finished.';

export function isBusyError(error: unknown): boolean {
  // better-sqlite3's SqliteError carries the extended result code, e.g. SQLITE_BUSY_SNAPSHOT.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** The 'busy' AppError for a busy SqliteError; any other value as it is. */
export function asBusyError(error: unknown): unknown {
  return isBusyError(error) ? new AppError('busy', BUSY_MESSAGE, { cause: error }) : error;
}
