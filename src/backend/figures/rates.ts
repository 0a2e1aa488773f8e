/**
 * The rates of an emailing, as fractions, each by the formula in shared/figures/rates.ts. A rate
 * whose term Copernica did not give, or whose divisor is 0, is null ("—"), never 0.
 */
import type { CacheFigures, Rates } from '../../shared/schemas/figures';
import { type CopernicaStatistics, deliveredOf } from './copernicaStatistics';

function ratio(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return part / whole;
}

export function computeRates(statistics: CopernicaStatistics | null, cache: CacheFigures): Rates {
  const delivered = statistics ? deliveredOf(statistics) : null;
  const uniqueImpressions = statistics?.impressions.unique ?? null;
  const uniqueClicks = statistics?.clicks.unique ?? null;
  const dominant = statistics?.dominant ?? null;
  const dominantClicks = dominant?.clicks ?? null;
  const dominantImpressions = dominant?.impressions ?? null;
  return {
    openRate: ratio(uniqueImpressions, delivered),
    clickRate: ratio(uniqueClicks, delivered),
    clickToOpenRate: ratio(uniqueClicks, uniqueImpressions),
    copernicaCtr: ratio(
      dominantClicks,
      dominantClicks === null || dominantImpressions === null ? null : dominantImpressions + dominantClicks,
    ),
    humanClickRate: ratio(cache.humanUniqueClickers, delivered),
  };
}
