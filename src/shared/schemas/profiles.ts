/**
 * Who clicked: the progress of fetching the clicking profiles' fields after a refresh, and an
 * account's profile settings (which fields are columns, which name a profile, personal data).
 */
import { z } from 'zod';
import { id } from './common';

export const ProfileFetchProgressSchema = z.object({
  emailingKey: id,
  emailingId: id,
  phase: z.enum(['starting', 'fetching', 'done', 'failed', 'cancelled']),
  /** Clicking profiles and subprofiles whose fields are in, of `total`, in this run. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Requests to Copernica this run made (retries not counted). */
  requests: z.number().int().nonnegative(),
  error: z.string().nullable(),
});
export type ProfileFetchProgress = z.infer<typeof ProfileFetchProgressSchema>;

/**
 * The field names the app takes: letters, digits, spaces, `_`, `-` and `.`, as Copernica's are;
 * they reach SQL as a JSON path, which no such name can close.
 */
export const FIELD_NAME_PATTERN = /^[\p{L}\p{N}_ .-]{1,255}$/u;

/** A field name as a Copernica database spells it. */
export const fieldName = z.string().regex(FIELD_NAME_PATTERN, 'Not a profile field name.');

export const ProfileSettingsSchema = z
  .object({
    fetchProfiles: z.boolean(),
    chosenFields: z.array(fieldName).max(40),
    nameFields: z.array(fieldName).max(2),
    leaveOutPersonalData: z.boolean(),
    retentionDays: z.number().int().min(1).max(3650).nullable(),
  })
  .strict();
export type ProfileSettingsValue = z.infer<typeof ProfileSettingsSchema>;

/** An account's profile settings and the fields its databases have, for the column chooser. */
export const ProfileColumnsSchema = z.object({
  accountId: id,
  settings: ProfileSettingsSchema,
  /** The fields of the account's databases as last fetched (empty before any profile fetch). */
  availableFields: z.array(z.string()),
});
export type ProfileColumns = z.infer<typeof ProfileColumnsSchema>;

export const UpdateProfileSettingsInput = z
  .object({ accountId: id, settings: ProfileSettingsSchema.partial() })
  .strict();
