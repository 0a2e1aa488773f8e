/**
 * Where the report meets the bot verdicts (bots/verdictPass.ts keeps `bot_clicks`, one row per
 * click a rule flags): the condition on the clicks `c` that marks a suspected bot click, and
 * whether an emailing's clicks were judged at all. A report of an emailing not judged yet says
 * so on its first page rather than claiming a filter it could not apply.
 */
import type Database from 'better-sqlite3';
import type { SqlCondition } from '../views/filterSql';

export function suspectedBotCondition(): SqlCondition {
  return {
    sql: 'EXISTS (SELECT 1 FROM bot_clicks b WHERE b.emailing_id = c.emailing_id AND b.click_id = c.id)',
    params: [],
  };
}

export function verdictsComputed(db: Database.Database, emailingKey: number): boolean {
  return db.prepare('SELECT 1 FROM verdict_state WHERE emailing_id = ?').get(emailingKey) !== undefined;
}
