/**
 * The twelve fields of a click exactly as the API named them, read back from the normalised
 * cache (links and texts joined in, the wall clock formatted back to Copernica's text).
 */
import type Database from 'better-sqlite3';
import { formatWallClock } from '../../shared/wallClock';
import { CLICK_ROW_JOINS } from '../views/clickRows';

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

type RawRow = [
  number,
  number | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  number | null,
  number | null,
  number | null,
];

/** Streams the clicks of one cached emailing in click-ID order, without holding them in memory. */
export function* iterateClickApiRows(db: Database.Database, emailingKey: number): Generator<ClickApiRow> {
  const statement = db
    .prepare(
      `SELECT c.id, l.link_id, l.url, l.title, c.ts_local, c.ts_raw, c.ip, ua.value, rf.value,
              c.emailing, c.destination, c.profile, c.subprofile
         FROM clicks c
         ${CLICK_ROW_JOINS}
        WHERE c.emailing_id = ?
        ORDER BY c.id`,
    )
    .raw(true);
  for (const row of statement.iterate(emailingKey) as IterableIterator<RawRow>) {
    const [
      id,
      linkId,
      link,
      title,
      tsLocal,
      tsRaw,
      ip,
      ua,
      referer,
      emailing,
      destination,
      profile,
      subprofile,
    ] = row;
    yield [
      id,
      linkId,
      link,
      title,
      tsRaw ?? (tsLocal === null ? null : formatWallClock(tsLocal)),
      ip,
      ua,
      referer,
      emailing,
      destination,
      profile,
      subprofile,
    ];
  }
}
