/**
 * The bot rules in use, kept in the cache file so that the app and the CLI judge alike. A stored
 * value that no longer parses (written by a later version) gives way to the defaults.
 */
import type Database from 'better-sqlite3';
import { BotRulesSchema, defaultBotRules, type BotRules } from '../../shared/schemas/bots';
import { ipRangeMatcher } from './ipRanges';

export function readBotRules(db: Database.Database): BotRules {
  const row = db.prepare('SELECT rules FROM bot_rules WHERE id = 1').get() as { rules: string } | undefined;
  if (!row) return defaultBotRules;
  const parsed = BotRulesSchema.safeParse(JSON.parse(row.rules));
  return parsed.success ? parsed.data : defaultBotRules;
}

/** Stores the rules after checking every range parses (an AppError names the first that does not). */
export function writeBotRules(db: Database.Database, rules: BotRules): BotRules {
  const checked = BotRulesSchema.parse(rules);
  ipRangeMatcher(checked.scannerNetwork.ranges);
  db.prepare(
    'INSERT INTO bot_rules (id, rules) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET rules = excluded.rules',
  ).run(JSON.stringify(checked));
  return checked;
}
