/**
 * The reconciliation as one line a person reads, the same in the Overview, the CLI and the
 * report: complete, N clicks not cached yet, or N more cached than Copernica reports and why.
 */
import type { Reconciliation } from '../schemas/figures';

/** Why a cache can hold more than Copernica reports. */
export const EXTRA_CAUSES =
  'Copernica leaves out of its statistics clicks it removed later (a deleted profile or test ' +
  'destination) and counts a click on the unsubscribe link as an unsubscribe; its statistics ' +
  'may also be older than the last refresh.';

export function reconciliationText(reconciliation: Reconciliation | null, locale?: string): string {
  if (reconciliation === null) {
    return "Not reconciled: Copernica's statistics were not fetched yet; refresh the emailing.";
  }
  const n = new Intl.NumberFormat(locale).format(reconciliation.difference);
  const clicks = reconciliation.difference === 1 ? 'click' : 'clicks';
  switch (reconciliation.status) {
    case 'complete':
      return 'Complete: the cache holds every click Copernica counts.';
    case 'missing':
      return `${n} ${clicks} Copernica counts ${reconciliation.difference === 1 ? 'is' : 'are'} not cached yet; refresh the emailing.`;
    case 'extra':
      return `The cache holds ${n} more than Copernica reports. ${EXTRA_CAUSES}`;
  }
}
