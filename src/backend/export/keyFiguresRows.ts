/**
 * The key figures on the report's Summary sheet: Copernica's statistics with their date, every
 * rate with its formula beside it, the cache's counts by their definitions, and the
 * reconciliation line. What Copernica did not give is written "—", never 0.
 */
import type Database from 'better-sqlite3';
import { deliveredFormula, NOT_GIVEN, rateDefinitions } from '../../shared/figures/rates';
import { reconciliationText } from '../../shared/figures/reconciliationText';
import { KeyFiguresView } from '../figures/keyFigures';
import type { ColumnKind, ExportValue } from './table';

export type SummaryRow = [ExportValue[], ColumnKind[]];

export function keyFiguresRows(
  db: Database.Database,
  emailingKey: number,
  /** An ISO instant as the sheet's wall clock (report.ts wallSecondsOf in the account's zone). */
  wallClockOf: (iso: string | null) => number | null,
): SummaryRow[] {
  const { figures, reconciliation } = new KeyFiguresView(db).keyFigures({ emailingKey });
  const c = figures.copernica;
  // A figure as a count or a share, or "not given" (text) where Copernica sent none; then its note.
  const figure =
    (kind: 'count' | 'share') =>
    (label: string, value: number | null, note = ''): SummaryRow =>
      value === null
        ? [
            [label, NOT_GIVEN, note],
            ['label', 'text', 'text'],
          ]
        : [
            [label, value, note],
            ['label', kind, 'text'],
          ];
  const given = figure('count');
  const rate = figure('share');
  return [
    [['Key figures'], ['label']],
    c === null
      ? [
          ["Copernica's statistics", 'Not fetched yet: refresh the emailing.'],
          ['label', 'text'],
        ]
      : [
          ["Copernica's statistics as of", wallClockOf(c.fetchedAt)],
          ['label', 'wallClock'],
        ],
    given('Destinations', c?.destinations ?? null),
    given('Delivered', c?.delivered ?? null, deliveredFormula),
    given('Errors', c?.errors ?? null, 'destinations with an error'),
    given('Impressions', c?.impressions.total ?? null),
    given('Unique impressions', c?.impressions.unique ?? null, 'destinations that opened'),
    given('Clicks (Copernica)', c?.clicks.total ?? null),
    given('Unique clicks', c?.clicks.unique ?? null, 'destinations that clicked'),
    given('Unsubscribes', c?.unsubscribes ?? null),
    given('Complaints', c?.abuses ?? null),
    ...rateDefinitions.map((d) => rate(d.label, figures.rates[d.id], `${d.label} = ${d.formula}`)),
    given('Cached clicks', figures.cache.clicks, 'every click in the cache'),
    given('Unique clickers', figures.cache.uniqueClickers, 'distinct destinations that clicked'),
    given('Unique link clicks', figures.cache.uniqueLinkClicks, 'distinct destination × link'),
    [
      ['Reconciliation', reconciliationText(reconciliation, 'en-US')],
      ['label', 'text'],
    ],
  ];
}
