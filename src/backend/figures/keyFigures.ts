/**
 * The key figures of one emailing: the last snapshot of Copernica's statistics, what the cache
 * counts, the rates and the reconciliation, in the shape `figures --json` prints and the
 * Overview, the emailing list and the report read. Everything is a lookup for the whole emailing
 * (figures_ms in `npm run bench -- figures`); a period counts the period's clicks.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type {
  CopernicaFigures,
  EmailingFigures,
  KeyFigures,
  KeyFiguresRequest,
} from '../../shared/schemas/figures';
import { hasRange } from '../views/dateRange';
import { CacheClickFigures } from './cacheClickFigures';
import { type CopernicaStatistics, deliveredOf, destinationsAffected } from './copernicaStatistics';
import { computeRates } from './rates';
import { reconcile } from './reconciliation';
import {
  latestStatistics,
  previousStatisticsFetchedAt,
  type StatisticsSnapshot,
} from './statisticsSnapshots';

/** Copernica's figures as the JSON shows them. */
export function copernicaFigures(snapshot: StatisticsSnapshot): CopernicaFigures {
  const s: CopernicaStatistics = snapshot.statistics;
  return {
    fetchedAt: snapshot.fetchedAt,
    destinations: s.destinations,
    delivered: deliveredOf(s),
    impressions: s.impressions,
    clicks: s.clicks,
    errors: destinationsAffected(s.errors),
    unsubscribes: destinationsAffected(s.unsubscribes),
    abuses: destinationsAffected(s.abuses),
  };
}

/**
 * v2's statistics carry no destinations (v3 added them); the emailing itself, as the emailings
 * call gave it, does. Copernica's own number either way, never a guess.
 */
function withEmailingDestinations(
  snapshot: StatisticsSnapshot | null,
  destinations: number | null,
): StatisticsSnapshot | null {
  if (!snapshot || snapshot.statistics.destinations !== null || destinations === null) return snapshot;
  return { ...snapshot, statistics: { ...snapshot.statistics, destinations } };
}

export class KeyFiguresView {
  private readonly cache: CacheClickFigures;

  constructor(private readonly db: Database.Database) {
    this.cache = new CacheClickFigures(db);
  }

  /** The figures of the whole emailing, as `figures --json` prints them. */
  emailingFigures(emailingKey: number): EmailingFigures {
    return this.keyFigures({ emailingKey }).figures;
  }

  keyFigures(request: KeyFiguresRequest): KeyFigures {
    const { emailingKey, dateRange } = request;
    const emailing = this.db
      .prepare('SELECT remote_id AS remoteId, destinations FROM emailings WHERE id = ?')
      .get(emailingKey) as { remoteId: number; destinations: number | null } | undefined;
    if (emailing === undefined) throw new AppError('not_found', 'That emailing is not in the cache.');
    const remoteId = emailing.remoteId;
    const snapshot = withEmailingDestinations(latestStatistics(this.db, emailingKey), emailing.destinations);
    const statistics = snapshot?.statistics ?? null;
    const period = hasRange(dateRange);
    const cache = this.cache.figures(emailingKey, dateRange);
    const whole = period ? this.cache.all(emailingKey) : cache;
    const reconciliation = statistics ? reconcile(statistics, whole) : null;
    return {
      figures: {
        emailing: remoteId,
        copernica: snapshot ? copernicaFigures(snapshot) : null,
        cache,
        rates: computeRates(statistics, cache),
        reconciliation: reconciliation && {
          status: reconciliation.status,
          difference: reconciliation.difference,
        },
      },
      reconciliation,
      dominant: statistics?.dominant
        ? { impressions: statistics.dominant.impressions, clicks: statistics.dominant.clicks }
        : null,
      snapshotFirstFetchedAt: snapshot?.firstFetchedAt ?? null,
      previousSnapshotFetchedAt: snapshot ? previousStatisticsFetchedAt(this.db, emailingKey) : null,
      period,
    };
  }
}
