/**
 * The clicks export of the CLI: the API's twelve fields (clicksQuery.ts), then `bot` (1 for a
 * suspected bot, 0 for a person) and `bot_reasons` (the rules that flagged it, space-separated:
 * burst everyLink knownAgent scannerNetwork sticky). Every click unless `excludeBots`: a script
 * gets the data Copernica has; the app's switch governs the app.
 */
import type Database from 'better-sqlite3';
import { reasonsOf } from '../../shared/schemas/bots';
import { formatWallClock } from '../../shared/wallClock';
import { CLICK_ROW_JOINS } from '../views/clickRows';
import type { ClickApiRow } from './clicksQuery';

export const CLICK_VERDICT_FIELDS = ['bot', 'bot_reasons'] as const;

export type ClickVerdictRow = [...ClickApiRow, bot: number, botReasons: string];

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
  number | null,
];

/** Clicks left out or not, for the progress total. */
export function countClicks(db: Database.Database, emailingKey: number, excludeBots: boolean): number {
  const all = db
    .prepare('SELECT COUNT(*) FROM clicks WHERE emailing_id = ?')
    .pluck()
    .get(emailingKey) as number;
  if (!excludeBots) return all;
  return (
    all -
    (db.prepare('SELECT COUNT(*) FROM bot_clicks WHERE emailing_id = ?').pluck().get(emailingKey) as number)
  );
}

/** In click-ID order, each click's verdict by its primary key; streamed, never held in memory. */
export function* iterateClickVerdictRows(
  db: Database.Database,
  emailingKey: number,
  excludeBots: boolean,
): Generator<ClickVerdictRow> {
  const statement = db
    .prepare(
      `SELECT c.id, l.link_id, l.url, l.title, c.ts_local, c.ts_raw, c.ip, ua.value, rf.value,
              c.emailing, c.destination, c.profile, c.subprofile, b.reasons
         FROM clicks c
         ${CLICK_ROW_JOINS}
         LEFT JOIN bot_clicks b ON b.emailing_id = c.emailing_id AND b.click_id = c.id
        WHERE c.emailing_id = ?${excludeBots ? ' AND b.reasons IS NULL' : ''}
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
      reasons,
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
      reasons ? 1 : 0,
      reasons ? reasonsOf(reasons).join(' ') : '',
    ];
  }
}
