/**
 * Whether the cache holds what Copernica counts: cached clicks against `clicks.total`, cached
 * clicking destinations against `clicks.unique`, always of the whole emailing.
 * - complete: both agree (or Copernica gave neither number to disagree with);
 * - missing: Copernica counts clicks (or clickers) the cache does not hold yet; a refresh fetches them;
 * - extra: the cache holds more than Copernica reports (shared/figures/reconciliationText.ts says why).
 * The difference is in clicks, or in clicking destinations when the clicks agree.
 */
import type { ReconciliationDetail } from '../../shared/schemas/figures';
import type { AllClickFigures } from './cacheClickFigures';
import type { CopernicaStatistics } from './copernicaStatistics';

export function reconcile(statistics: CopernicaStatistics, cache: AllClickFigures): ReconciliationDetail {
  const copernicaClicks = statistics.clicks.total;
  const copernicaClickers = statistics.clicks.unique;
  const clickGap = copernicaClicks === null ? 0 : copernicaClicks - cache.clicks;
  const clickerGap = copernicaClickers === null ? 0 : copernicaClickers - cache.uniqueClickers;
  const sides = {
    cachedClicks: cache.clicks,
    copernicaClicks,
    cachedClickers: cache.uniqueClickers,
    copernicaClickers,
  };
  // Missing first: a refresh can mend it, and it hides what may be extra.
  if (clickGap > 0 || clickerGap > 0) {
    return { status: 'missing', difference: clickGap > 0 ? clickGap : clickerGap, ...sides };
  }
  if (clickGap < 0 || clickerGap < 0) {
    return { status: 'extra', difference: clickGap < 0 ? -clickGap : -clickerGap, ...sides };
  }
  return { status: 'complete', difference: 0, ...sides };
}
