/**
 * The SQL of the clicks grid's derived columns: the bot verdict with its reasons (bot_clicks,
 * one primary-key lookup per row) and the user agent's device (agent_devices, by the text's ID),
 * and the condition that leaves out the suspected bots.
 */
import type Database from 'better-sqlite3';
import { botReasonBit, botReasonLabel, botReasons } from '../../shared/schemas/bots';
import type { SqlCondition } from './filterSql';

const reasonList = botReasons
  .map(
    (r) => `CASE WHEN b.reasons & ${botReasonBit[r]} THEN '${botReasonLabel[r].toLowerCase()}, ' ELSE '' END`,
  )
  .join(' || ');

/** "Human", or "Suspected bot: burst, every link". */
export const VERDICT_SQL = `COALESCE((SELECT 'Suspected bot: ' || rtrim(${reasonList}, ', ')
  FROM bot_clicks b WHERE b.emailing_id = c.emailing_id AND b.click_id = c.id), 'Human')`;

export const deviceSql = (column: 'device' | 'os' | 'client'): string =>
  `COALESCE((SELECT ${column} FROM agent_devices WHERE text_id = c.user_agent), 'unknown')`;

/** The clicks of `c` that no rule flags, when the switch is on; no condition when it is off. */
export function humanClicksOnly(request: { excludeBots?: boolean | undefined }): SqlCondition {
  if (!request.excludeBots) return { sql: '', params: [] };
  return {
    sql: 'NOT EXISTS (SELECT 1 FROM bot_clicks b WHERE b.emailing_id = c.emailing_id AND b.click_id = c.id)',
    params: [],
  };
}

/** The emailing's suspected bot clicks, from the tallies the verdicts keep (a lookup). */
export function botClicksOf(db: Database.Database, emailingKey: number): number {
  const row = db
    .prepare(
      `SELECT clicks - human_clicks AS n FROM click_tallies WHERE emailing_id = ? AND dimension = 'all'`,
    )
    .get(emailingKey) as { n: number } | undefined;
  return row?.n ?? 0;
}
