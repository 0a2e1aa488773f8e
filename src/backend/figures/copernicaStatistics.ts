/**
 * Copernica's own statistics of an emailing (`publisher/emailing/$id/statistics`; the Marketing
 * Suite call has the same shape plus `retries`). Parsed from the raw JSON object whatever path it
 * came from, leniently: counters as strings or numbers, and any field may be missing (v2 has no
 * `destinations`, `deliveries` or `dominant_results`). A counter we cannot read is null, so that
 * it shows as "—", never as 0.
 */
import { AppError } from '../../shared/errors';
import type { TotalAndUnique } from '../../shared/schemas/figures';
import { toInt } from '../copernica/parse';

/** Each destination counted once, in its strongest outcome (statistics-dominant-result.md). */
export interface DominantResults {
  destinations: number | null;
  errors: number | null;
  impressions: number | null;
  clicks: number | null;
  unsubscribes: number | null;
  abuses: number | null;
  deliveries: number | null;
}

export interface CopernicaStatistics {
  destinations: number | null;
  deliveries: { total: number | null };
  errors: TotalAndUnique;
  impressions: TotalAndUnique;
  clicks: TotalAndUnique;
  unsubscribes: TotalAndUnique;
  abuses: TotalAndUnique;
  unknown: { total: number | null };
  /** Marketing Suite only. */
  retries: TotalAndUnique;
  dominant: DominantResults | null;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A counter: a whole number of at least 0, sent as a number or a string of digits. */
function counter(value: unknown): number | null {
  const n = toInt(typeof value === 'string' ? value.trim() : value);
  return n !== null && n >= 0 ? n : null;
}

/** `{total, unique}`; a bare counter where an object was expected is taken as the total. */
function totalAndUnique(value: unknown): TotalAndUnique {
  if (isObject(value)) return { total: counter(value.total), unique: counter(value.unique) };
  return { total: counter(value), unique: null };
}

function totalOnly(value: unknown): { total: number | null } {
  return { total: isObject(value) ? counter(value.total) : counter(value) };
}

function dominantResults(value: unknown): DominantResults | null {
  if (!isObject(value)) return null;
  return {
    destinations: counter(value.destinations),
    errors: counter(value.errors),
    impressions: counter(value.impressions),
    clicks: counter(value.clicks),
    unsubscribes: counter(value.unsubscribes),
    abuses: counter(value.abuses),
    deliveries: counter(value.deliveries),
  };
}

/** Copernica's statistics from the body of a statistics call; only a body that is not an object is refused. */
export function parseCopernicaStatistics(body: unknown, what = 'the statistics call'): CopernicaStatistics {
  if (!isObject(body)) {
    throw new AppError(
      'bad_response',
      `Copernica's answer to ${what} was not what we expected: the body is not a JSON object.`,
    );
  }
  return {
    destinations: counter(body.destinations),
    deliveries: totalOnly(body.deliveries),
    errors: totalAndUnique(body.errors),
    impressions: totalAndUnique(body.impressions),
    clicks: totalAndUnique(body.clicks),
    unsubscribes: totalAndUnique(body.unsubscribes),
    abuses: totalAndUnique(body.abuses),
    unknown: totalOnly(body.unknown),
    retries: totalAndUnique(body.retries),
    dominant: dominantResults(body.dominant_results),
  };
}

/**
 * Messages that reached their destination: `deliveries.total` where Copernica gives it, else
 * destinations − unique errors (null when either is missing).
 */
export function deliveredOf(statistics: CopernicaStatistics): number | null {
  if (statistics.deliveries.total !== null) return statistics.deliveries.total;
  const { destinations } = statistics;
  const errors = statistics.errors.unique;
  if (destinations === null || errors === null) return null;
  return Math.max(0, destinations - errors);
}

/** Destinations affected: the unique count, or the total where Copernica gives only that. */
export function destinationsAffected(figure: TotalAndUnique): number | null {
  return figure.unique ?? figure.total;
}
