/**
 * A click row as SQL, written once: the click's columns with its link and its texts (user
 * agent, referer) joined in, and the raw row turned into the contract's row. Every read of
 * click rows (a grid page, a slice of a filtered order, an export's walk, the CLI's API-shaped
 * export) selects through this.
 */
import type { ClickRow } from '../../shared/schemas/views';
import { formatWallClock } from '../../shared/wallClock';
import { deviceSql, VERDICT_SQL } from './verdictSql';

/**
 * The columns every click row starts with: the click, its link, its time (as the cache keeps
 * it: wall seconds and the text Copernica sent, see clickTimestamp) and its visitor.
 */
export const CLICK_HEAD_COLUMNS =
  'c.id, l.link_id, l.url, l.title, c.ts_local, c.ts_raw, c.ip, ua.value, rf.value';

export type RawClickHead = [
  id: number,
  linkId: number | null,
  link: string | null,
  linkTitle: string | null,
  tsLocal: number | null,
  tsRaw: string | null,
  ip: string | null,
  userAgent: string | null,
  referer: string | null,
];

const CLICK_ROW_COLUMNS = `${CLICK_HEAD_COLUMNS},
       c.destination, c.profile, c.subprofile, ${VERDICT_SQL}, ${deviceSql('device')}, ${deviceSql('os')},
       ${deviceSql('client')}`;

/** A click's link and texts; the clicks are the alias `c`. */
export const CLICK_ROW_JOINS = `LEFT JOIN links l ON l.id = c.link
  LEFT JOIN texts ua ON ua.id = c.user_agent
  LEFT JOIN texts rf ON rf.id = c.referer`;

/** The click's time as Copernica sent it: the text kept when it was not canonical, else the wall clock formatted back. */
export function clickTimestamp(tsRaw: string | null, tsLocal: number | null): string | null {
  return tsRaw ?? (tsLocal === null ? null : formatWallClock(tsLocal));
}

/**
 * Grid rows read from `source`, which names the clicks `c` (with an index hint, or after the
 * page of IDs it is joined to); `rest` is the WHERE and ORDER BY.
 */
export function selectClickRows(source: string, rest: string): string {
  return `SELECT ${CLICK_ROW_COLUMNS}
  FROM ${source}
  ${CLICK_ROW_JOINS}
  ${rest}`;
}

export type RawRow = [
  ...RawClickHead,
  destination: number | null,
  profile: number | null,
  subprofile: number | null,
  verdict: string,
  deviceType: string,
  os: string,
  client: string,
];

export function toRow(raw: RawRow): ClickRow {
  const [
    id,
    linkId,
    link,
    linkTitle,
    tsLocal,
    tsRaw,
    ip,
    userAgent,
    referer,
    destination,
    profile,
    subprofile,
    verdict,
    deviceType,
    os,
    client,
  ] = raw;
  return {
    id,
    linkId,
    link,
    linkTitle,
    timestamp: clickTimestamp(tsRaw, tsLocal),
    ip,
    userAgent,
    referer,
    destination,
    profile,
    subprofile,
    verdict,
    deviceType,
    os,
    client,
  };
}
