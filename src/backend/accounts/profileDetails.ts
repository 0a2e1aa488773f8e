/**
 * The drill-down into one profile: its fields from Copernica (cached with when they were fetched,
 * so they show offline) and its clicks across the account's cached emailings.
 */
import type Database from 'better-sqlite3';
import type { ProfileDetails } from '../../shared/schemas/views';
import type { Profile, Subprofile } from '../copernica/types';
import { clickTimestamp } from '../views/clickRows';

type CachedProfile = NonNullable<ProfileDetails['profile']>;
type CachedSubprofile = NonNullable<ProfileDetails['subprofile']>;
export type ProfileClick = ProfileDetails['clicks'][number];

/** Enough for any real person; a profile with more (a test address, a bot) shows its newest. */
export const PROFILE_CLICKS_LIMIT = 5000;

/**
 * Uses clicks_by_profile (emailing_id, profile): one index seek per emailing of the account, then
 * a sort of just this profile's rows. Without statistics (no ANALYZE) SQLite prefers the primary
 * key's emailing_id prefix, which reads every click of every emailing: INDEXED BY rules that out.
 */
export const PROFILE_CLICKS_SQL = profileClicksSql('INDEXED BY clicks_by_profile');
/** While a large first sync loads without the grid indexes (db/gridIndexes.ts): slower, still right. */
const PROFILE_CLICKS_SQL_WITHOUT_INDEX = profileClicksSql('');

function profileClicksSql(indexHint: string): string {
  return `
  SELECT c.emailing_id AS emailingKey, e.remote_id AS emailingId, e.product, e.subject, c.id, c.ts_local AS tsLocal,
         c.ts_raw AS tsRaw, l.url AS link, l.title AS linkTitle, c.subprofile
    FROM clicks c ${indexHint}
    JOIN emailings e ON e.id = c.emailing_id
    LEFT JOIN links l ON l.id = c.link
   WHERE c.emailing_id IN (SELECT id FROM emailings WHERE account_id = ?) AND c.profile = ?
   ORDER BY c.ts_local DESC, c.id DESC
   LIMIT ${PROFILE_CLICKS_LIMIT}`;
}

type ClickSqlRow = Omit<ProfileClick, 'timestamp'> & { tsLocal: number | null; tsRaw: string | null };

interface ProfileSqlRow {
  id: number;
  fields: string;
  interests: string;
  databaseId: number | null;
  created: string | null;
  modified: string | null;
  removed: string | null;
  fetchedAt: string;
}

interface SubprofileSqlRow extends Omit<ProfileSqlRow, 'interests' | 'databaseId'> {
  collectionId: number | null;
}

export class ProfileStore {
  constructor(private readonly db: Database.Database) {}

  clicks(accountId: number, profileId: number): ProfileClick[] {
    let statement: Database.Statement;
    try {
      statement = this.db.prepare(PROFILE_CLICKS_SQL);
    } catch (error) {
      if (!/no such index/i.test((error as Error).message)) throw error;
      statement = this.db.prepare(PROFILE_CLICKS_SQL_WITHOUT_INDEX);
    }
    const rows = statement.all(accountId, profileId) as ClickSqlRow[];
    return rows.map(({ tsLocal, tsRaw, ...rest }) => ({
      ...rest,
      timestamp: clickTimestamp(tsRaw, tsLocal),
    }));
  }

  saveProfile(accountId: number, profile: Profile, fetchedAt: Date): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO profiles (account_id, id, fields, interests, database_id, created, modified, removed, fetched_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        accountId,
        profile.id,
        JSON.stringify(profile.fields),
        JSON.stringify(profile.interests),
        profile.database,
        profile.created,
        profile.modified,
        profile.removed === false ? null : profile.removed,
        fetchedAt.toISOString(),
      );
  }

  saveSubprofile(accountId: number, subprofile: Subprofile, fetchedAt: Date): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO subprofiles (account_id, id, profile_id, collection_id, fields, created, modified, removed, fetched_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        accountId,
        subprofile.id,
        subprofile.profile,
        subprofile.collection,
        JSON.stringify(subprofile.fields),
        subprofile.created,
        subprofile.modified,
        subprofile.removed === false ? null : subprofile.removed,
        fetchedAt.toISOString(),
      );
  }

  profile(accountId: number, id: number): CachedProfile | null {
    const row = this.db
      .prepare(
        `SELECT id, fields, interests, database_id AS databaseId, created, modified, removed, fetched_at AS fetchedAt
           FROM profiles WHERE account_id = ? AND id = ?`,
      )
      .get(accountId, id) as ProfileSqlRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      fields: parseRecord(row.fields),
      interests: parseStrings(row.interests),
      database: row.databaseId,
      created: row.created,
      modified: row.modified,
      removed: row.removed ?? false,
      fetchedAt: row.fetchedAt,
    };
  }

  subprofile(accountId: number, id: number): CachedSubprofile | null {
    const row = this.db
      .prepare(
        `SELECT id, fields, collection_id AS collectionId, created, modified, removed, fetched_at AS fetchedAt
           FROM subprofiles WHERE account_id = ? AND id = ?`,
      )
      .get(accountId, id) as SubprofileSqlRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      fields: parseRecord(row.fields),
      collection: row.collectionId,
      created: row.created,
      modified: row.modified,
      removed: row.removed ?? false,
      fetchedAt: row.fetchedAt,
    };
  }
}

function parseRecord(text: string): Record<string, string> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function parseStrings(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}
