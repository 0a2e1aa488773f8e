/**
 * The clicks export of the CLI: the API's twelve fields (clicksQuery.ts), then `bot` (1 for a
 * suspected bot, 0 for a person) and `bot_reasons` (the rules that flagged it, space-separated:
 * burst everyLink knownAgent scannerNetwork sticky). Every click unless `excludeBots`: a script
 * gets the data Copernica has; the app's switch governs the app.
 */
import type Database from 'better-sqlite3';
import { reasonsOf } from '../../shared/schemas/bots';
import { CLICK_API_FIELDS, type ClickApiRow, iterateClicksWith } from './clicksQuery';

export const CLICK_VERDICT_FIELDS = ['bot', 'bot_reasons'] as const;

export type ClickVerdictRow = [...ClickApiRow, bot: number, botReasons: string];

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
  const verdicts = iterateClicksWith<[reasonBits: number | null]>(db, emailingKey, {
    columns: ', b.reasons',
    joins: 'LEFT JOIN bot_clicks b ON b.emailing_id = c.emailing_id AND b.click_id = c.id',
    where: excludeBots ? ' AND b.reasons IS NULL' : '',
  });
  for (const row of verdicts) {
    const fields = row.slice(0, CLICK_API_FIELDS.length) as ClickApiRow;
    const reasons = row[CLICK_API_FIELDS.length] as number | null;
    yield [...fields, reasons ? 1 : 0, reasons ? reasonsOf(reasons).join(' ') : ''];
  }
}
