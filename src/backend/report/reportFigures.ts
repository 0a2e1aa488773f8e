/**
 * The key figures a report prints: those of the figures module (backend/figures/, the object
 * `figures --json` prints), for the report's period. Copernica's figures, the rates on them and
 * the reconciliation are of the whole emailing. When the clicks grid's filters or the bot switch
 * narrow the report too, the cache's counts are of those clicks, counted with the figures
 * module's own definitions, and the rates that rest on them follow through its computeRates.
 */
import type Database from 'better-sqlite3';
import type { EmailingFigures } from '../../shared/schemas/figures';
import { humanClickFigures } from '../figures/cacheClickFigures';
import { KeyFiguresView } from '../figures/keyFigures';
import { computeRates } from '../figures/rates';
import { latestStatistics } from '../figures/statisticsSnapshots';
import { andScope, type ParsedScope } from './scopeSql';

export type KeyFigures = EmailingFigures;

/**
 * Clicks, clicking destinations and (destination, link) pairs among the scope's clicks: the
 * figures module's definitions (cacheClickFigures.ts) over the scope's condition. One pass over
 * the clicks, grouped by (destination, link): the groups' sizes add up to the clicks, their
 * distinct destinations are the clicking destinations, and each group with both is one pair. The
 * module's own query reads the clicks twice, each time into a distinct-set of its own: at a
 * million clicks in a period this takes about half as long.
 */
export function filteredClickFigures(db: Database.Database, emailingKey: number, scope: ParsedScope) {
  const where = andScope(scope);
  return db
    .prepare(
      `SELECT COALESCE(SUM(n), 0) AS clicks, COUNT(DISTINCT destination) AS uniqueClickers,
              COALESCE(SUM(destination IS NOT NULL AND link IS NOT NULL), 0) AS uniqueLinkClicks
         FROM (SELECT c.destination, c.link, COUNT(*) AS n FROM clicks c
                WHERE c.emailing_id = ?${where.sql} GROUP BY c.destination, c.link)`,
    )
    .get(emailingKey, ...where.params) as {
    clicks: number;
    uniqueClickers: number;
    uniqueLinkClicks: number;
  };
}

/** The scope's clicks, counted only. */
function scopeClicks(db: Database.Database, emailingKey: number, scope: ParsedScope): number {
  const where = andScope(scope);
  return db
    .prepare(`SELECT COUNT(*) FROM clicks c WHERE c.emailing_id = ?${where.sql}`)
    .pluck()
    .get(emailingKey, ...where.params) as number;
}

export function reportKeyFigures(db: Database.Database, emailingKey: number, scope: ParsedScope): KeyFigures {
  const figures = new KeyFiguresView(db).keyFigures({
    emailingKey,
    ...(scope.dateRange ? { dateRange: scope.dateRange } : {}),
  }).figures;
  if (Object.keys(scope.filterModel).length === 0 && !scope.excludeBots) return figures;
  const counted = filteredClickFigures(db, emailingKey, scope);
  const human = humanClickFigures(db, emailingKey, scope.dateRange, counted);
  // With the bots left out, the counts are of the persons' clicks, and the bot count is what
  // the scope left out; the reasons are those of the period.
  const cache = scope.excludeBots
    ? {
        ...counted,
        botClicks: scopeClicks(db, emailingKey, { ...scope, excludeBots: false }) - counted.clicks,
        humanClicks: counted.clicks,
        humanUniqueClickers: counted.uniqueClickers,
        botClicksByReason: human.botClicksByReason,
      }
    : { ...counted, ...human };
  return {
    ...figures,
    cache,
    rates: computeRates(latestStatistics(db, emailingKey)?.statistics ?? null, cache),
  };
}
