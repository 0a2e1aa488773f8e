/**
 * The twelve fields of a click exactly as the API named them, read back from the normalised
 * cache (links and texts joined in, the wall clock formatted back to Copernica's text).
 */
import type Database from 'better-sqlite3';
import { CLICK_HEAD_COLUMNS, CLICK_ROW_JOINS, clickTimestamp, type RawClickHead } from '../views/clickRows';

export const CLICK_API_FIELDS = [
  'ID',
  'link_id',
  'link',
  'link_title',
  'timestamp',
  'ip',
  'useragent',
  'referer',
  'emailing',
  'destination',
  'profile',
  'subprofile',
] as const;

export type ClickApiRow = [
  id: number,
  linkId: number | null,
  link: string | null,
  linkTitle: string | null,
  timestamp: string | null,
  ip: string | null,
  userAgent: string | null,
  referer: string | null,
  emailing: number | null,
  destination: number | null,
  profile: number | null,
  subprofile: number | null,
];

type RawApiRow = [
  ...RawClickHead,
  emailing: number | null,
  destination: number | null,
  profile: number | null,
  subprofile: number | null,
];

/** What a walk reads beside the twelve fields: columns, the joins they need, and a condition starting with AND. */
export interface ClickWalkExtra {
  columns: string;
  joins: string;
  where: string;
}

/**
 * Streams the clicks of one cached emailing in click-ID order, without holding them in memory:
 * the twelve fields, then the `extra` columns as they come.
 */
export function* iterateClicksWith<Extra extends unknown[]>(
  db: Database.Database,
  emailingKey: number,
  extra: ClickWalkExtra,
): Generator<[...ClickApiRow, ...Extra]> {
  const statement = db
    .prepare(
      `SELECT ${CLICK_HEAD_COLUMNS}, c.emailing, c.destination, c.profile, c.subprofile${extra.columns}
         FROM clicks c
         ${CLICK_ROW_JOINS}
         ${extra.joins}
        WHERE c.emailing_id = ?${extra.where}
        ORDER BY c.id`,
    )
    .raw(true);
  for (const raw of statement.iterate(emailingKey) as IterableIterator<[...RawApiRow, ...Extra]>) {
    const [id, linkId, link, linkTitle, tsLocal, tsRaw, ...rest] = raw;
    yield [id, linkId, link, linkTitle, clickTimestamp(tsRaw, tsLocal), ...rest];
  }
}

/** The twelve fields and nothing else. */
export function iterateClickApiRows(db: Database.Database, emailingKey: number): Generator<ClickApiRow> {
  return iterateClicksWith<[]>(db, emailingKey, { columns: '', joins: '', where: '' });
}
