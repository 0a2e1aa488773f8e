/**
 * An account's profile settings (migration 13, profile_settings): whether a refresh fetches the
 * clickers' fields (on unless switched off), the fields shown as columns, the field or two that
 * name a profile, the exports' "leave out personal data" default, and how many days fetched
 * fields are kept. An account without a row has the defaults.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

export interface ProfileSettings {
  fetchProfiles: boolean;
  /** Field names as the database uses them, in column order. */
  chosenFields: string[];
  /** One or two field names whose values, joined by a space, name a profile. */
  nameFields: string[];
  leaveOutPersonalData: boolean;
  /** Fetched fields older than this many days are removed; null keeps them. */
  retentionDays: number | null;
}

export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = {
  fetchProfiles: true,
  chosenFields: [],
  nameFields: [],
  leaveOutPersonalData: false,
  retentionDays: null,
};

interface SettingsRow {
  fetchProfiles: number;
  chosenFields: string;
  nameFields: string;
  leaveOutPersonalData: number;
  retentionDays: number | null;
}

function names(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function readProfileSettings(db: Database.Database, accountId: number): ProfileSettings {
  const row = db
    .prepare(
      `SELECT fetch_profiles AS fetchProfiles, chosen_fields AS chosenFields, name_fields AS nameFields,
              leave_out_personal_data AS leaveOutPersonalData, retention_days AS retentionDays
         FROM profile_settings WHERE account_id = ?`,
    )
    .get(accountId) as SettingsRow | undefined;
  if (!row) return { ...DEFAULT_PROFILE_SETTINGS };
  return {
    fetchProfiles: row.fetchProfiles === 1,
    chosenFields: names(row.chosenFields),
    nameFields: names(row.nameFields),
    leaveOutPersonalData: row.leaveOutPersonalData === 1,
    retentionDays: row.retentionDays,
  };
}

export function writeProfileSettings(
  db: Database.Database,
  accountId: number,
  change: Partial<ProfileSettings>,
): ProfileSettings {
  const next = { ...readProfileSettings(db, accountId), ...change };
  if (
    next.retentionDays !== null &&
    (!Number.isInteger(next.retentionDays) || next.retentionDays < 1 || next.retentionDays > 3650)
  ) {
    throw new AppError(
      'invalid_input',
      'Keep fetched profile fields for 1 to 3650 days, or without a limit.',
    );
  }
  if (next.nameFields.length > 2)
    throw new AppError('invalid_input', 'A profile is named by one or two fields.');
  const exists = db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId);
  if (!exists) throw new AppError('not_found', 'That account no longer exists.');
  db.prepare(
    `INSERT INTO profile_settings (account_id, fetch_profiles, chosen_fields, name_fields, leave_out_personal_data, retention_days)
     VALUES (@accountId, @fetchProfiles, @chosenFields, @nameFields, @leaveOut, @retentionDays)
     ON CONFLICT (account_id) DO UPDATE SET
       fetch_profiles = excluded.fetch_profiles, chosen_fields = excluded.chosen_fields,
       name_fields = excluded.name_fields, leave_out_personal_data = excluded.leave_out_personal_data,
       retention_days = excluded.retention_days`,
  ).run({
    accountId,
    fetchProfiles: next.fetchProfiles ? 1 : 0,
    chosenFields: JSON.stringify(next.chosenFields),
    nameFields: JSON.stringify(next.nameFields),
    leaveOut: next.leaveOutPersonalData ? 1 : 0,
    retentionDays: next.retentionDays,
  });
  return next;
}
