/**
 * A full disk, seen by SQLite (SQLITE_FULL, also when the file reaches `max_page_count`) or by
 * Node (ENOSPC), is something a user can fix; it must not read as "an unexpected error".
 */
import { AppError } from '../../shared/errors';

export const diskFullAdvice = 'what was fetched so far is kept and the sync resumes when there is room.';

export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** The AppError to report for a full disk, or null when the error is something else. */
export function diskFullError(error: unknown): AppError | null {
  if (!isDiskFull(error)) return null;
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError('disk_full', `The disk is full: ${detail}; ${diskFullAdvice}`, { cause: error });
}
