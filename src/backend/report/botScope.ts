/**
 * Where the report meets the bot verdicts (the figures issue's "Leave out suspected bots"):
 * the condition on the clicks `c` that marks a suspected bot click, or null while this cache
 * keeps no verdicts. Until the verdicts land nothing is left out, and the report says so on its
 * first page rather than claiming a filter it could not apply.
 */
import type { SqlCondition } from '../views/filterSql';

export function suspectedBotCondition(): SqlCondition | null {
  return null;
}
