import { z } from 'zod';
import { id, isoInstant } from './common';
import { product } from './product';
import { RatesSchema } from './figures';

export const EmailingListItemSchema = z.object({
  key: id,
  accountId: id,
  /** Publisher or Marketing Suite: each numbers its emailings apart; absent means Publisher. */
  product: product.optional(),
  emailingId: id,
  subject: z.string().nullable(),
  sentAt: z.string().nullable(),
  destinations: z.number().int().nullable(),
  /** Clicks as Copernica's emailing list counted them. */
  reportedClicks: z.number().int().nullable(),
  impressions: z.number().int().nullable(),
  tracked: z.boolean(),
  /** Clicks in the cache. */
  clickCount: z.number().int().nonnegative(),
  lastRefreshedAt: isoInstant.nullable(),
  lastError: z.string().nullable(),
  /** The error code of the last failure (shared/errors.ts), which says what to do about it; absent or null: none. */
  lastErrorCode: z.string().max(64).nullable().optional(),
  /** Clicks Copernica sent that the syncs refused as invalid (a bad ID, no time); absent means 0. */
  rejectedClicks: z.number().int().nonnegative().optional(),
  syncing: z.boolean(),
  /** The rates from the last snapshot of Copernica's statistics (null members: not given). */
  rates: RatesSchema.optional(),
});
export type EmailingListItem = z.infer<typeof EmailingListItemSchema>;

export const ListEmailingsInput = z
  .object({
    accountId: id,
    /** Matches subject or emailing ID. */
    search: z.string().max(200).optional(),
    trackedOnly: z.boolean().optional(),
    /** Only the emailings of one product; leave out for both. */
    product: product.optional(),
  })
  .strict();

export const SyncRequestInput = z
  .object({
    /** Emailings to refresh; leave out to refresh every tracked emailing (of one account, or all). */
    emailingKeys: z.array(id).max(1000).optional(),
    accountId: id.optional(),
  })
  .strict();

export const SettingsSchema = z
  .object({
    /** At launch, tracked emailings refreshed longer ago than this are refreshed in the background. */
    refreshAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const StatusSchema = z.object({
  online: z.boolean(),
  /** Emailing keys being synced right now. */
  syncing: z.array(id),
  /** Emailing keys whose clicking profiles' fields are being fetched or wait their turn. */
  fetchingProfiles: z.array(id).optional(),
  lastCheckedAt: isoInstant.nullable(),
});
export type Status = z.infer<typeof StatusSchema>;
