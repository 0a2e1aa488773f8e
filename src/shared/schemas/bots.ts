/**
 * The rules that mark a click as a suspected bot, with the thresholds the user can change in
 * Settings. The defaults are the vendors' (figures.md §6): Marketo's and Acquia's proximity of a
 * second or two, Customer Minds' "every link of an email with at least three", Paminga's
 * fifteen minutes of stickiness after a flagged click.
 */
import { z } from 'zod';

/** Why a click is suspected; a click may have several reasons. The bit is what the cache stores. */
export const botReasons = ['burst', 'everyLink', 'knownAgent', 'scannerNetwork', 'sticky'] as const;
export type BotReason = (typeof botReasons)[number];

export const botReasonBit: Record<BotReason, number> = {
  burst: 1,
  everyLink: 2,
  knownAgent: 4,
  scannerNetwork: 8,
  sticky: 16,
};

export function reasonsOf(bits: number): BotReason[] {
  return botReasons.filter((reason) => (bits & botReasonBit[reason]) !== 0);
}

/** What each rule is called in the app, the exports and the report. */
export const botReasonLabel: Record<BotReason, string> = {
  burst: 'Burst',
  everyLink: 'Every link',
  knownAgent: 'Known agent',
  scannerNetwork: 'Scanner network',
  sticky: 'Sticky',
};

/**
 * Microsoft's ranges that Defender Safe Links scans from, as a vendor blog lists them (low
 * authority: offered as an example the user adds with one click, never on by default).
 */
export const microsoftScannerRanges = ['40.92.0.0/16', '52.96.0.0/12', '2a01:111::/32'] as const;

/** One IPv4 or IPv6 range in CIDR notation; the backend checks it parses (bots/ipRanges.ts). */
const cidr = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'A range is written as an address, a slash and a prefix length.');

export const BotRulesSchema = z
  .object({
    burst: z
      .object({
        enabled: z.boolean(),
        /** Distinct links one destination clicks within `seconds` of each other. */
        minLinks: z.number().int().min(2).max(50),
        seconds: z.number().int().min(0).max(60),
      })
      .strict(),
    everyLink: z
      .object({
        enabled: z.boolean(),
        /** The rule applies to emailings with at least this many links. */
        minLinks: z.number().int().min(2).max(1000),
      })
      .strict(),
    knownAgent: z.object({ enabled: z.boolean() }).strict(),
    scannerNetwork: z.object({ enabled: z.boolean(), ranges: z.array(cidr).max(500) }).strict(),
    sticky: z
      .object({
        enabled: z.boolean(),
        /** After a flagged click, the same IP's clicks within this many minutes are flagged too. */
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
      })
      .strict(),
  })
  .strict();
export type BotRules = z.infer<typeof BotRulesSchema>;

export const defaultBotRules: BotRules = {
  burst: { enabled: true, minLinks: 2, seconds: 2 },
  everyLink: { enabled: true, minLinks: 3 },
  knownAgent: { enabled: true },
  scannerNetwork: { enabled: true, ranges: [] },
  sticky: { enabled: true, minutes: 15 },
};

/** Recomputing every verdict after a rule change: clicks judged so far of all emailings. */
export const VerdictProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  finished: z.boolean(),
});
export type VerdictProgress = z.infer<typeof VerdictProgressSchema>;

export const DevicesRequestSchema = z
  .object({ emailingKey: z.number().int().positive(), excludeBots: z.boolean().optional() })
  .strict();

export const DeviceRowSchema = z.object({
  dimension: z.enum(['device', 'os', 'client']),
  value: z.string(),
  clicks: z.number().int().nonnegative(),
  /** Distinct destinations (Copernica's unique). */
  uniqueClickers: z.number().int().nonnegative(),
});
export const DevicesViewSchema = z.object({
  rows: z.array(DeviceRowSchema),
  excludeBots: z.boolean(),
  botClicksLeftOut: z.number().int().nonnegative(),
});
