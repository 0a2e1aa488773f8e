/**
 * The key figures a report prints, in the shape of `figures --json` (the figures issue): what
 * Copernica's statistics say, what the cache counts, the rates and the reconciliation. The
 * cache's counts follow the report's scope; Copernica's are of the whole emailing.
 */
import type Database from 'better-sqlite3';
import { andScope, type ParsedScope } from './scopeSql';

export interface CopernicaFigures {
  fetchedAt: string;
  destinations: number | null;
  delivered: number | null;
  impressions: { total: number | null; unique: number | null };
  clicks: { total: number | null; unique: number | null };
  errors: number | null;
  unsubscribes: number | null;
  abuses: number | null;
}

export interface CacheFigures {
  clicks: number;
  uniqueClickers: number;
  uniqueLinkClicks: number;
  botClicks: number;
  humanClicks: number;
  humanUniqueClickers: number;
  botClicksByReason: Record<string, number>;
}

export interface KeyFigures {
  emailing: number;
  copernica: CopernicaFigures | null;
  cache: CacheFigures;
  rates: {
    openRate: number | null;
    clickRate: number | null;
    clickToOpenRate: number | null;
    copernicaCtr: number | null;
    humanClickRate: number | null;
  };
  reconciliation: { status: 'complete' | 'missing' | 'extra'; difference: number } | null;
}

/**
 * The cache's counts in the scope: clicks, unique clickers (distinct destinations, Copernica's
 * unique) and unique link clicks (distinct destination × link). One pass over the scope's clicks.
 */
export function scopedCacheFigures(
  db: Database.Database,
  emailingKey: number,
  scope: ParsedScope,
): Pick<CacheFigures, 'clicks' | 'uniqueClickers' | 'uniqueLinkClicks'> {
  const where = andScope(scope);
  const row = db
    .prepare(
      `SELECT COUNT(*) AS clicks, COUNT(DISTINCT destination) AS uniqueClickers,
              (SELECT COUNT(*) FROM (SELECT DISTINCT c.destination, c.link FROM clicks c
                WHERE c.emailing_id = ? AND c.destination IS NOT NULL${where.sql})) AS uniqueLinkClicks
         FROM clicks c WHERE c.emailing_id = ?${where.sql}`,
    )
    .get(emailingKey, ...where.params, emailingKey, ...where.params) as {
    clicks: number;
    uniqueClickers: number;
    uniqueLinkClicks: number;
  };
  return row;
}

/**
 * The report's key figures. Copernica's statistics and the rates on them come with the figures
 * module (src/backend/figures/); until it is in this branch the report has the cache's counts
 * only, and every Copernica figure and rate is missing ("—").
 */
export function reportKeyFigures(
  db: Database.Database,
  emailingKey: number,
  remoteId: number,
  scope: ParsedScope,
): KeyFigures {
  const cached = scopedCacheFigures(db, emailingKey, scope);
  return {
    emailing: remoteId,
    copernica: null,
    cache: {
      ...cached,
      botClicks: 0,
      humanClicks: cached.clicks,
      humanUniqueClickers: cached.uniqueClickers,
      botClicksByReason: {},
    },
    rates: {
      openRate: null,
      clickRate: null,
      clickToOpenRate: null,
      copernicaCtr: null,
      humanClickRate: null,
    },
    reconciliation: null,
  };
}
