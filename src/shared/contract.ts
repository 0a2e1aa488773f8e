/**
 * The one contract between the renderer and the rest of the app. Every method names a zod
 * input and output schema and who answers it (the thin main process, or the backend worker);
 * every event names its payload schema. The preload bridge, main's handler registration and
 * validation, the renderer's typed client and the tests are all derived from these two objects:
 * nothing crosses the bridge that is not named here.
 */
import { z } from 'zod';
import { appCommandIds } from './appCommands';
import type { Result } from './result';
import { AccountSchema, AddAccountInput, TokenStorageSchema, UpdateAccountInput } from './schemas/accounts';
import { id as entityId, noInput as strictEmpty } from './schemas/common';
import { product } from './schemas/product';
import {
  EmailingListItemSchema,
  ListEmailingsInput,
  SettingsSchema,
  StatusSchema,
  SyncRequestInput,
} from './schemas/emailings';
import {
  ExportProgressEventSchema,
  ExportStartedSchema,
  ExportViewInputSchema,
  SyncCompletenessSchema,
} from './schemas/export';
import { KeyFiguresRequestSchema, KeyFiguresSchema } from './schemas/figures';
import {
  ClientReportInputSchema,
  CompareInputSchema,
  ComparisonViewSchema,
  ReportPreviewSchema,
} from './schemas/report';
import {
  BotRulesSchema,
  DevicesRequestSchema,
  DevicesViewSchema,
  VerdictProgressSchema,
} from './schemas/bots';
import {
  ProfileColumnsSchema,
  ProfileFetchProgressSchema,
  UpdateProfileSettingsInput,
} from './schemas/profiles';
import {
  ClicksBlockRequestSchema,
  LinksRequestSchema,
  ProfilesBlockRequestSchema,
  TimelineRequestSchema,
} from './schemas/grid';
import {
  ClicksBlockSchema,
  GridStateSchema,
  gridIds,
  LinksViewSchema,
  ProfileDetailsInput,
  ProfileDetailsSchema,
  ProfilesBlockSchema,
  TimelineSchema,
} from './schemas/views';

/** Who answers a method: main keeps windows, dialogs and secrets; the backend owns data and network. */
export type MethodOwner = 'main' | 'backend';

export interface MethodSpec<
  Ow extends MethodOwner = MethodOwner,
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
> {
  owner: Ow;
  input: I;
  output: O;
}

function method<Ow extends MethodOwner, I extends z.ZodType, O extends z.ZodType>(
  spec: MethodSpec<Ow, I, O>,
): MethodSpec<Ow, I, O> {
  return spec;
}

const noInput = z.object({}).strict();
const id = z.number().int().positive();
/** A wall-clock time exactly as Copernica sends it: `YYYY-MM-DD HH:MM:SS`, no zone. */
const wallClock = z.string();
/** An instant written as an ISO 8601 UTC string. */
const isoInstant = z.string();

export const AppInfoSchema = z.object({
  version: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const CachedEmailingSchema = z.object({
  /** Local key of the emailing in the cache (accounts may share Copernica IDs). */
  key: id,
  accountId: id,
  accountLabel: z.string(),
  /** Publisher or Marketing Suite: each numbers its emailings apart; absent means Publisher. */
  product: product.optional(),
  /** The emailing's ID at Copernica, within its product. */
  emailingId: id,
  subject: z.string().nullable(),
  sentAt: wallClock.nullable(),
  clickCount: z.number().int().nonnegative(),
  lastRefreshedAt: isoInstant.nullable(),
  lastError: z.string().nullable(),
});
export type CachedEmailing = z.infer<typeof CachedEmailingSchema>;

const exportRef = z.object({ exportId: z.string().min(1).max(64) }).strict();

export const methods = {
  getAppInfo: method({ owner: 'backend', input: noInput, output: AppInfoSchema }),
  listCachedEmailings: method({ owner: 'backend', input: noInput, output: z.array(CachedEmailingSchema) }),
  /** Opens a web page in the user's browser; only http and https URLs are accepted. */
  openExternal: method({
    owner: 'main',
    input: z
      .object({
        url: z.url({ protocol: /^https?$/, error: 'Only http and https links can be opened.' }).max(2048),
      })
      .strict(),
    output: z.null(),
  }),

  // Accounts. Main answers the ones that carry a token: it verifies it through the backend and
  // keeps it encrypted with safeStorage; a token never travels back to the renderer.
  listAccounts: method({ owner: 'backend', input: strictEmpty, output: z.array(AccountSchema) }),
  addAccount: method({ owner: 'main', input: AddAccountInput, output: AccountSchema }),
  updateAccount: method({ owner: 'main', input: UpdateAccountInput, output: AccountSchema }),
  /** Deletes the account, its token and all its cached data. */
  removeAccount: method({ owner: 'main', input: z.object({ id: entityId }).strict(), output: z.null() }),
  getTokenStorage: method({ owner: 'main', input: strictEmpty, output: TokenStorageSchema }),
  /** "Explore sample data": a demo account fed by a fake Copernica server inside the app. */
  createDemoAccount: method({ owner: 'backend', input: strictEmpty, output: AccountSchema }),

  // Emailings and sync.
  /** Fetches the account's Publisher emailings from Copernica into the cache. */
  refreshEmailingList: method({
    owner: 'backend',
    input: z.object({ accountId: entityId }).strict(),
    output: z.null(),
  }),
  listEmailings: method({
    owner: 'backend',
    input: ListEmailingsInput,
    output: z.array(EmailingListItemSchema),
  }),
  setTracked: method({
    owner: 'backend',
    input: z.object({ emailingKey: entityId, tracked: z.boolean() }).strict(),
    output: z.null(),
  }),
  /** Starts refreshing in the background; progress comes as syncProgress events. */
  syncEmailings: method({ owner: 'backend', input: SyncRequestInput, output: z.null() }),
  cancelSync: method({
    owner: 'backend',
    input: z.object({ emailingKey: entityId }).strict(),
    output: z.null(),
  }),
  /**
   * Deletes an emailing's cached clicks, links, summaries and sync state (and profiles and texts
   * nothing else refers to), leaving no trace in the file; the emailing stays listed, untracked,
   * and a later sync fetches it again. Progress comes as cacheRemovalProgress events.
   */
  removeCachedClicks: method({
    owner: 'backend',
    input: z.object({ emailingKey: entityId }).strict(),
    output: z.null(),
  }),
  getStatus: method({ owner: 'backend', input: strictEmpty, output: StatusSchema }),
  getSettings: method({ owner: 'main', input: strictEmpty, output: SettingsSchema }),
  updateSettings: method({ owner: 'main', input: SettingsSchema, output: SettingsSchema }),

  // The views over one emailing's cached clicks.
  getClicksBlock: method({ owner: 'backend', input: ClicksBlockRequestSchema, output: ClicksBlockSchema }),
  getLinks: method({ owner: 'backend', input: LinksRequestSchema, output: LinksViewSchema }),
  getProfilesBlock: method({
    owner: 'backend',
    input: ProfilesBlockRequestSchema,
    output: ProfilesBlockSchema,
  }),
  getTimeline: method({ owner: 'backend', input: TimelineRequestSchema, output: TimelineSchema }),
  /** The Overview's key figures: Copernica's last statistics, the cache's counts, rates, reconciliation. */
  getKeyFigures: method({ owner: 'backend', input: KeyFiguresRequestSchema, output: KeyFiguresSchema }),
  /** The bot rules in Settings; updating them judges every cached click again (verdictProgress). */
  getBotRules: method({ owner: 'backend', input: strictEmpty, output: BotRulesSchema }),
  updateBotRules: method({ owner: 'backend', input: BotRulesSchema, output: BotRulesSchema }),
  getDevices: method({ owner: 'backend', input: DevicesRequestSchema, output: DevicesViewSchema }),
  /** A profile's fields (fetched when online, cached for offline) and its clicks across the account. */
  getProfileDetails: method({ owner: 'backend', input: ProfileDetailsInput, output: ProfileDetailsSchema }),
  /**
   * Who clicked: the account's profile settings (fetch on or off, the chosen field columns, the
   * name field(s), the "leave out personal data" default, retention) and its databases' fields.
   */
  getProfileColumns: method({
    owner: 'backend',
    input: z.object({ accountId: entityId }).strict(),
    output: ProfileColumnsSchema,
  }),
  updateProfileSettings: method({
    owner: 'backend',
    input: UpdateProfileSettingsInput,
    output: ProfileColumnsSchema,
  }),

  /** Column order, widths and visibility per grid, remembered across launches. */
  getGridState: method({
    owner: 'main',
    input: z.object({ gridId: z.enum(gridIds) }).strict(),
    output: GridStateSchema.nullable(),
  }),
  saveGridState: method({
    owner: 'main',
    input: z.object({ gridId: z.enum(gridIds), state: GridStateSchema }).strict(),
    output: z.null(),
  }),

  // Exports. Main asks the user where to save (the window never names a path), then the worker
  // writes the file on a connection of its own; progress and the outcome come as exportProgress.
  /** A view as the grid shows it (or all its rows) to a CSV or xlsx file the user chooses. */
  exportView: method({ owner: 'main', input: ExportViewInputSchema, output: ExportStartedSchema }),
  /** The client report of an emailing: Summary, Links, Profiles and Clicks sheets. */
  exportReport: method({
    owner: 'main',
    input: z.object({ emailingKey: entityId }).strict(),
    output: ExportStartedSchema,
  }),
  /** The client report of one emailing (PDF or workbook) or the comparison of several (PDF, xlsx, CSV). */
  exportClientReport: method({ owner: 'main', input: ClientReportInputSchema, output: ExportStartedSchema }),
  /** The first page of that report, as the window previews it before saving. */
  previewClientReport: method({
    owner: 'backend',
    input: ClientReportInputSchema,
    output: ReportPreviewSchema,
  }),
  /** Several emailings side by side: key figures, and links matched without tracking parameters. */
  compareEmailings: method({ owner: 'backend', input: CompareInputSchema, output: ComparisonViewSchema }),
  /** Stops a running export; the partial file is removed. */
  cancelExport: method({ owner: 'main', input: exportRef, output: z.null() }),
  /** Shows a file this session exported in the system's file manager; no other path can be shown. */
  showExportInFolder: method({ owner: 'main', input: exportRef, output: z.null() }),
  /** Opens a file this session exported in its default program (Excel, a PDF viewer); no other path. */
  openExport: method({ owner: 'main', input: exportRef, output: z.null() }),
  /** Whether the emailing's last sync finished, so that the export menu can warn before it writes. */
  getSyncCompleteness: method({
    owner: 'backend',
    input: z.object({ emailingKey: entityId }).strict(),
    output: SyncCompletenessSchema,
  }),
} as const;

export const SyncProgressSchema = z.object({
  emailingKey: id.nullable(),
  emailingId: id,
  phase: z.enum(['starting', 'fetching', 'done', 'failed', 'cancelled']),
  rows: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  /** How many clicks the server reported for this run, when it reported a total. */
  total: z.number().int().nonnegative().nullable(),
  /** Clicks of this run refused as invalid (a bad ID, no time), never stored; absent means 0. */
  rejected: z.number().int().nonnegative().optional(),
  error: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const CacheRemovalProgressSchema = z.object({
  accountId: id,
  /** The emailing whose cached clicks go; null when the whole account goes. */
  emailingKey: id.nullable(),
  /** Deleting rows a step at a time, then compacting the file (one step), then done. */
  phase: z.enum(['deleting', 'compacting', 'done']),
  removed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type CacheRemovalProgress = z.infer<typeof CacheRemovalProgressSchema>;

export const events = {
  /** The cache changed: a sync in the app, or another process (the CLI from cron) wrote to it. */
  cacheChanged: z.object({ at: isoInstant }),
  syncProgress: SyncProgressSchema,
  /** Fetching the fields of an emailing's clicking profiles, after its clicks (who clicked). */
  profileFetchProgress: ProfileFetchProgressSchema,
  /** The network came or went (seen by a failed or successful request to Copernica). */
  connectivityChanged: z.object({ online: z.boolean(), at: isoInstant }),
  exportProgress: ExportProgressEventSchema,
  /** Removing an account or an emailing's cached clicks (see removeCachedClicks). */
  cacheRemovalProgress: CacheRemovalProgressSchema,
  /** The background worker died and was started again; calls it was answering failed. */
  backendRestarted: z.object({ at: isoInstant }),
  /** An item of the application menu was chosen (src/shared/appCommands.ts). */
  menuCommand: z.object({ command: z.enum(appCommandIds) }),
  verdictProgress: VerdictProgressSchema,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function methodChannel(name: MethodName): string {
  return `api:${name}`;
}

export function eventChannel(name: EventName): string {
  return `event:${name}`;
}

/** `cacheChanged` → `onCacheChanged`. */
export type SubscribeName<E extends EventName> = `on${Capitalize<E>}`;

export function subscribeName<E extends EventName>(name: E): SubscribeName<E> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as SubscribeName<E>;
}

/** What the renderer sees as `window.api`: one function per method, one subscribe per event. */
export type BridgeApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
} & {
  [E in EventName as SubscribeName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** The methods the backend worker answers. */
export type BackendMethodName = {
  [M in MethodName]: Methods[M]['owner'] extends 'backend' ? M : never;
}[MethodName];
export type MainMethodName = Exclude<MethodName, BackendMethodName>;
