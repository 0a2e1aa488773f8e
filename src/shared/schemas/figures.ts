/**
 * The figures of one emailing: Copernica's own statistics beside what the cache counts, the
 * rates, and whether the two agree. `EmailingFiguresSchema` is exactly the object
 * `figures --emailing ID --json` prints (issue 9, point 9); the Overview reads the same object
 * with the details it shows around it (`KeyFiguresSchema`).
 */
import { z } from 'zod';
import { DateRangeSchema } from './grid';
import { id, isoInstant } from './common';

const count = z.number().int().nonnegative();
/** A figure Copernica may not have given: null is shown as "—", never as 0. */
const given = count.nullable();
/** A rate as a fraction (0.09 is 9 %); null when a term of its formula is missing or zero. */
const rate = z.number().nonnegative().nullable();

export const TotalAndUniqueSchema = z.object({ total: given, unique: given });
export type TotalAndUnique = z.infer<typeof TotalAndUniqueSchema>;

/** Copernica's figures as the JSON shows them (see backend/figures/copernicaStatistics.ts). */
export const CopernicaFiguresSchema = z.object({
  /** When these figures were last fetched (or confirmed unchanged), ISO 8601 UTC. */
  fetchedAt: isoInstant,
  destinations: given,
  /** `deliveries.total` where Copernica gives it, else destinations − unique errors. */
  delivered: given,
  impressions: TotalAndUniqueSchema,
  clicks: TotalAndUniqueSchema,
  /** Destinations with an error, unsubscribe or complaint (unique; the total when only it is given). */
  errors: given,
  unsubscribes: given,
  abuses: given,
});
export type CopernicaFigures = z.infer<typeof CopernicaFiguresSchema>;

export const botReasons = ['burst', 'everyLink', 'knownAgent', 'scannerNetwork', 'sticky'] as const;
export type BotReason = (typeof botReasons)[number];

export const CacheFiguresSchema = z.object({
  clicks: count,
  /** Distinct destinations that clicked: Copernica's "unique clicks". */
  uniqueClickers: count,
  /** Distinct (destination, link) pairs: Mailchimp's and Postmark's "unique clicks". */
  uniqueLinkClicks: count,
  botClicks: count,
  humanClicks: count,
  humanUniqueClickers: count,
  /** A click with several reasons counts under each. */
  botClicksByReason: z.object(
    Object.fromEntries(botReasons.map((r) => [r, count])) as Record<BotReason, typeof count>,
  ),
});
export type CacheFigures = z.infer<typeof CacheFiguresSchema>;

export const rateIds = [
  'openRate',
  'clickRate',
  'clickToOpenRate',
  'copernicaCtr',
  'humanClickRate',
] as const;
export type RateId = (typeof rateIds)[number];
export const RatesSchema = z.object(
  Object.fromEntries(rateIds.map((r) => [r, rate])) as Record<RateId, typeof rate>,
);
export type Rates = z.infer<typeof RatesSchema>;

export const reconciliationStatuses = ['complete', 'missing', 'extra'] as const;
export const ReconciliationSchema = z.object({
  status: z.enum(reconciliationStatuses),
  /** Clicks (or, when the clicks agree, clicking destinations) by which the cache differs; never negative. */
  difference: count,
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;

export const EmailingFiguresSchema = z.object({
  /** The emailing's ID at Copernica. */
  emailing: id,
  copernica: CopernicaFiguresSchema.nullable(),
  cache: CacheFiguresSchema,
  rates: RatesSchema,
  /** Null when there is no snapshot of Copernica's statistics to reconcile with. */
  reconciliation: ReconciliationSchema.nullable(),
});
export type EmailingFigures = z.infer<typeof EmailingFiguresSchema>;

/** Both sides of the reconciliation, for the line that explains it. */
export const ReconciliationDetailSchema = ReconciliationSchema.extend({
  cachedClicks: count,
  copernicaClicks: given,
  cachedClickers: count,
  copernicaClickers: given,
});
export type ReconciliationDetail = z.infer<typeof ReconciliationDetailSchema>;

export const KeyFiguresRequestSchema = z
  .object({ emailingKey: id, dateRange: DateRangeSchema.optional() })
  .strict();
export type KeyFiguresRequest = z.infer<typeof KeyFiguresRequestSchema>;

/** What the Overview shows: the figures, and around them what they rest on. */
export const KeyFiguresSchema = z.object({
  /** Copernica's figures are of the whole emailing; the cache's follow the period when one is set. */
  figures: EmailingFiguresSchema,
  /** The reconciliation of the whole emailing (a period's clicks cannot be held against Copernica's totals). */
  reconciliation: ReconciliationDetailSchema.nullable(),
  /** Dominant results' clicks and impressions, the terms of Copernica's CTR; null when not given. */
  dominant: z.object({ impressions: given, clicks: given }).nullable(),
  /** When the snapshot shown was first fetched, and when the one before it was (null: none kept). */
  snapshotFirstFetchedAt: isoInstant.nullable(),
  previousSnapshotFetchedAt: isoInstant.nullable(),
  /** Whether the cache's figures are of a period rather than the whole emailing. */
  period: z.boolean(),
});
export type KeyFigures = z.infer<typeof KeyFiguresSchema>;
