import { z } from 'zod';
import { type ClickColumnId, clickColumnList } from '../columns/clickColumns';
import { columnIds } from '../columns/columnSpec';
import { linkColumnList } from '../columns/linkColumns';
import { profileColumnList } from '../columns/profileColumns';
import { id, isoInstant } from './common';
import { timelineBucket } from './grid';
import { product } from './product';

/** The columns of the clicks grid; the backend sorts and filters on exactly these. */
export const clickColumns = columnIds(clickColumnList);
export type ClickColumn = ClickColumnId;

/**
 * Who clicked: the account's chosen fields of the row's profile (`(removed)` for a removed one,
 * null where it has no value) and its name from the name fields; absent where none are cached.
 */
const profileOfRow = {
  profileFields: z.record(z.string(), z.string().nullable()).optional(),
  profileName: z.string().nullable().optional(),
};

export const ClickRowSchema = z.object({
  id: z.number().int(),
  linkId: z.number().int().nullable(),
  link: z.string().nullable(),
  linkTitle: z.string().nullable(),
  /** Exactly as Copernica sent it. */
  timestamp: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  referer: z.string().nullable(),
  destination: z.number().int().nullable(),
  profile: z.number().int().nullable(),
  subprofile: z.number().int().nullable(),
  /** "Human", or "Suspected bot: " and the rules that flagged it. */
  verdict: z.string(),
  deviceType: z.string(),
  os: z.string(),
  client: z.string(),
  ...profileOfRow,
});
export type ClickRow = z.infer<typeof ClickRowSchema>;

export const ClicksBlockSchema = z.object({
  rows: z.array(ClickRowSchema),
  /** Rows matching the current filter (all blocks together). */
  rowCount: z.number().int().nonnegative(),
  /** With the bot switch on: the emailing's suspected bot clicks left out. */
  botsLeftOut: z.number().int().nonnegative().optional(),
});
export type ClicksBlock = z.infer<typeof ClicksBlockSchema>;

export const linkColumns = columnIds(linkColumnList);
export const LinkRowSchema = z.object({
  linkId: z.number().int().nullable(),
  link: z.string().nullable(),
  linkTitle: z.string().nullable(),
  clicks: z.number().int().nonnegative(),
  uniqueProfiles: z.number().int().nonnegative(),
  /** This link's clicks as a share of the emailing's, 0 to 1. */
  share: z.number().min(0).max(1),
  firstClick: z.string().nullable(),
  lastClick: z.string().nullable(),
});
export type LinkRow = z.infer<typeof LinkRowSchema>;
export const LinksViewSchema = z.object({
  rows: z.array(LinkRowSchema),
  totalClicks: z.number().int().nonnegative(),
});

export const profileColumns = columnIds(profileColumnList);
export const ProfileRowSchema = z.object({
  profile: z.number().int().nullable(),
  clicks: z.number().int().nonnegative(),
  uniqueLinks: z.number().int().nonnegative(),
  firstClick: z.string().nullable(),
  lastClick: z.string().nullable(),
  ...profileOfRow,
});
export type ProfileRow = z.infer<typeof ProfileRowSchema>;
export const ProfilesBlockSchema = z.object({
  rows: z.array(ProfileRowSchema),
  rowCount: z.number().int().nonnegative(),
});

export const TimelineSchema = z.object({
  bucket: timelineBucket,
  /** Start of each bucket as wall-clock text, with its clicks; empty buckets are left out. */
  points: z.array(z.object({ start: z.string(), clicks: z.number().int().nonnegative() })),
});
export type Timeline = z.infer<typeof TimelineSchema>;

export const ProfileDetailsInput = z
  .object({ accountId: id, profileId: id, subprofileId: id.nullish() })
  .strict();

const fetchedEntity = z.object({
  id: z.number().int(),
  fields: z.record(z.string(), z.string()),
  created: z.string().nullable(),
  modified: z.string().nullable(),
  removed: z.union([z.string(), z.literal(false)]),
  /** When the app fetched it from Copernica. */
  fetchedAt: isoInstant,
});

export const ProfileDetailsSchema = z.object({
  accountId: id,
  profileId: id,
  profile: fetchedEntity
    .extend({ interests: z.array(z.string()), database: z.number().int().nullable() })
    .nullable(),
  subprofile: fetchedEntity.extend({ collection: z.number().int().nullable() }).nullable(),
  /** Why the fields are missing or old (offline, token rejected, not found), or null. */
  fetchProblem: z.string().nullable(),
  /** The profile's name from the account's name field(s), null without one. */
  name: z.string().nullable().optional(),
  /** This profile's clicks across the account's cached emailings, newest first. */
  clicks: z.array(
    z.object({
      emailingKey: id,
      emailingId: id,
      /** Publisher and Marketing Suite number their emailings apart: the ID alone is ambiguous. */
      product,
      subject: z.string().nullable(),
      id: z.number().int(),
      timestamp: z.string().nullable(),
      link: z.string().nullable(),
      linkTitle: z.string().nullable(),
      subprofile: z.number().int().nullable(),
    }),
  ),
});
export type ProfileDetails = z.infer<typeof ProfileDetailsSchema>;

export const GridStateSchema = z
  .object({
    columns: z
      .array(
        z
          .object({
            colId: z.string().max(300),
            width: z.number().int().min(20).max(2000).optional(),
            hide: z.boolean().optional(),
          })
          .strict(),
      )
      .max(50),
  })
  .strict();
export type GridState = z.infer<typeof GridStateSchema>;
export const gridIds = ['clicks', 'links', 'profiles', 'profileClicks'] as const;
export type GridId = (typeof gridIds)[number];
