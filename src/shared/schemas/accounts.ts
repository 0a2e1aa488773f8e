import { z } from 'zod';
import { id, isoInstant, timeZone } from './common';

/** The versions of Copernica's REST API the app speaks, in the order the account dialog offers them. */
export const apiVersions = ['v2', 'v3', 'v4'] as const;
export const apiVersion = z.enum(apiVersions);
export type ApiVersion = z.infer<typeof apiVersion>;

/** ok; rejected: Copernica refused the token, the user must enter a new one; missing: no token stored. */
export const tokenStatus = z.enum(['ok', 'rejected', 'missing']);
export type TokenStatus = z.infer<typeof tokenStatus>;
/** What the cache stores: whether a token is missing is read from the keyring, not stored. */
export type StoredTokenStatus = Exclude<TokenStatus, 'missing'>;

export const AccountSchema = z.object({
  id,
  label: z.string(),
  apiVersion,
  timeZone: z.string(),
  tokenStatus,
  /** The sample-data account, fed by a fake server inside the app. */
  isDemo: z.boolean(),
  /** The Copernica account name (from the identity call). */
  remoteName: z.string().nullable(),
  emailingCount: z.number().int().nonnegative(),
  trackedCount: z.number().int().nonnegative(),
  lastRefreshedAt: isoInstant.nullable(),
});
export type Account = z.infer<typeof AccountSchema>;

/** The messages are the account form's: each is shown at its field, as it is. */
const label = z
  .string()
  .trim()
  .min(1, 'Give the account a name.')
  .max(100, 'Keep the name to 100 characters.');
/** Never logged, never sent back to the renderer. */
const token = z
  .string()
  .trim()
  .min(1, 'Paste the access token of this account (Configuration → API access tokens in Copernica).')
  .min(8, 'That access token is too short: copy all of it from Copernica.')
  .max(512, 'That is longer than an access token: copy only the token.');
/**
 * The user agreed to save the token although this computer can only obfuscate it (Linux
 * without a keyring, safeStorage's basic_text). Without it such a token is kept for the session
 * only. Where tokens are encrypted it changes nothing.
 */
const storeTokenUnencrypted = z.boolean().optional();

export const AddAccountInput = z
  .object({
    label,
    token,
    apiVersion: apiVersion.default('v2'),
    timeZone: timeZone.default('Europe/Amsterdam'),
    storeTokenUnencrypted,
  })
  .strict();

export const UpdateAccountInput = z
  .object({
    id,
    label: label.optional(),
    token: token.optional(),
    apiVersion: apiVersion.optional(),
    timeZone: timeZone.optional(),
    storeTokenUnencrypted,
  })
  .strict();

export const TokenStorageSchema = z.object({
  /** safeStorage's backend, e.g. keychain, dpapi, gnome_libsecret, kwallet, basic_text. */
  backend: z.string(),
  /** False when tokens would only be obfuscated (Linux basic_text) or cannot be encrypted at all. */
  secure: z.boolean(),
  /** What to tell the user when it is not secure; null otherwise. */
  warning: z.string().nullable(),
});
export type TokenStorage = z.infer<typeof TokenStorageSchema>;
