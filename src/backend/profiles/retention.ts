/**
 * Fetched profile fields are personal data: an account may keep them for a number of days only
 * (profile_settings.retention_days). Rows fetched before the cut-off are deleted; secure_delete
 * (db/open.ts) zeroes their cells, so they are not left readable in free pages. A profile that
 * clicks again is fetched again on the next refresh.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../db/writeTransaction';

const DAY_MS = 86_400_000;

export interface RetentionResult {
  profiles: number;
  subprofiles: number;
}

/** Applies every account's retention (or one account's) at `now`. */
export function removeExpiredProfileFields(
  db: Database.Database,
  now: Date,
  accountId?: number,
): RetentionResult {
  const accounts = db
    .prepare(
      `SELECT account_id AS accountId, retention_days AS days FROM profile_settings
        WHERE retention_days IS NOT NULL${accountId === undefined ? '' : ' AND account_id = ?'}`,
    )
    .all(...(accountId === undefined ? [] : [accountId])) as { accountId: number; days: number }[];
  const result: RetentionResult = { profiles: 0, subprofiles: 0 };
  if (accounts.length === 0) return result;
  const profiles = db.prepare('DELETE FROM profiles WHERE account_id = ? AND fetched_at < ?');
  const subprofiles = db.prepare('DELETE FROM subprofiles WHERE account_id = ? AND fetched_at < ?');
  writeTransaction(db, () => {
    for (const { accountId: id, days } of accounts) {
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      result.profiles += profiles.run(id, cutoff).changes;
      result.subprofiles += subprofiles.run(id, cutoff).changes;
    }
  });
  return result;
}
