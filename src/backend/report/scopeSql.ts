/**
 * The report's scope as a condition on the clicks `c`: the period and the clicks grid's filters
 * exactly as the views apply them (the same whitelist, the same bound parameters), and the bot
 * switch. Whatever the user narrowed on screen is what every figure, chart and ranking counts.
 */
import type { ReportScope } from '../../shared/schemas/report';
import { ReportScopeSchema } from '../../shared/schemas/report';
import { AppError } from '../../shared/errors';
import { clickColumnSql, type ClickColumnSql } from '../views/clickColumns';
import { andAll, dateRangeSql, filterModelSql, type SqlCondition } from '../views/filterSql';
import { suspectedBotCondition } from './botScope';

export type ParsedScope = ReturnType<typeof ReportScopeSchema.parse>;

export function parseScope(scope: ReportScope | undefined): ParsedScope {
  const parsed = ReportScopeSchema.safeParse(scope ?? {});
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      `The report's scope is not valid: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

export function scopeCondition(scope: ParsedScope): SqlCondition {
  const bots = suspectedBotCondition();
  return andAll(
    filterModelSql(scope.filterModel, clickColumnSql as Record<string, ClickColumnSql>),
    dateRangeSql(scope.dateRange, 'c.ts_local'),
    scope.excludeBots ? { sql: `NOT ${bots.sql}`, params: bots.params } : { sql: '', params: [] },
  );
}

/** `AND …` to append to a WHERE on `c.emailing_id = ?`, and its parameters. */
export function andScope(scope: ParsedScope): { sql: string; params: unknown[] } {
  const where = scopeCondition(scope);
  return { sql: where.sql ? ` AND ${where.sql}` : '', params: where.params };
}

/**
 * Whether the scope is every click of the emailing, so that the totals the sync keeps answer for
 * it. Those totals count the suspected bots too: with the bots left out, the links and profiles
 * are counted over the persons' clicks like any narrowed scope.
 */
export function isWholeEmailing(scope: ParsedScope): boolean {
  return (
    !scope.dateRange?.from &&
    !scope.dateRange?.to &&
    Object.keys(scope.filterModel).length === 0 &&
    !scope.excludeBots
  );
}
