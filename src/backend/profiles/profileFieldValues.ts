/**
 * The cached fields of an emailing's clicking profiles, read once before an export streams its
 * rows (an open iterator keeps the SQLite connection busy, so nothing can be looked up per row)
 * and kept as the few fields asked for. A removed profile reads "(removed)"; one never fetched
 * (or whose fields the retention removed) reads empty.
 */
import type Database from 'better-sqlite3';
import { REMOVED_PROFILE_TEXT, profileNameOf } from '../../shared/columns/profileFieldColumns';

export interface ProfileFieldValues {
  value(profileId: number | null, field: string): string | null;
  name(profileId: number | null): string | null;
}

interface Entry {
  removed: boolean;
  values: Map<string, string>;
}

export function loadProfileFieldValues(
  db: Database.Database,
  accountId: number,
  profiles: { emailingKey: number } | { profileId: number },
  fields: readonly string[],
  nameFields: readonly string[],
): ProfileFieldValues {
  const wanted = [...new Set([...fields, ...nameFields])];
  const byId = new Map<number, Entry>();
  if (wanted.length > 0) {
    const rows =
      'emailingKey' in profiles
        ? db
            .prepare(
              `SELECT p.id, p.fields, p.removed FROM profiles p
                WHERE p.account_id = ?
                  AND p.id IN (SELECT DISTINCT profile FROM clicks WHERE emailing_id = ? AND profile IS NOT NULL)`,
            )
            .all(accountId, profiles.emailingKey)
        : db
            .prepare('SELECT p.id, p.fields, p.removed FROM profiles p WHERE p.account_id = ? AND p.id = ?')
            .all(accountId, profiles.profileId);
    for (const row of rows as { id: number; fields: string; removed: string | null }[]) {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(row.fields) as Record<string, unknown>;
      } catch {
        // A damaged row reads as no fields.
      }
      const values = new Map<string, string>();
      for (const field of wanted) {
        const value = parsed[field];
        if (value !== undefined && value !== null) values.set(field, String(value));
      }
      byId.set(row.id, { removed: row.removed !== null, values });
    }
  }
  return {
    value(profileId, field) {
      if (profileId === null) return null;
      const entry = byId.get(profileId);
      if (!entry) return null;
      if (entry.removed) return REMOVED_PROFILE_TEXT;
      return entry.values.get(field) ?? null;
    },
    name(profileId) {
      if (profileId === null || nameFields.length === 0) return null;
      const entry = byId.get(profileId);
      if (!entry) return null;
      if (entry.removed) return REMOVED_PROFILE_TEXT;
      return profileNameOf(Object.fromEntries(entry.values), nameFields);
    },
  };
}
