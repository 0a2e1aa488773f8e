/**
 * What an export asks the backend: a view as the user sees it (its filter, sort, column order,
 * visible columns and headers) or all of its rows, as CSV or xlsx, to a file the user chose; or
 * the client report of an emailing. The backend validates these before it reads a row.
 */
import { z } from 'zod';
import { errorCodes } from '../errors';
import { id } from './common';
import { DateRangeSchema, FilterModelSchema, SortModelSchema } from './grid';

export const exportViews = ['clicks', 'links', 'profiles', 'profileClicks'] as const;
export type ExportViewName = (typeof exportViews)[number];

export const exportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormat>;

export const CsvOptionsSchema = z
  .object({
    /** Comma or semicolon as Excel expects by locale; a tab for tab-separated text (the CLI). */
    delimiter: z.enum([',', ';', '\t']),
    /** A UTF-8 byte order mark, so that Excel reads the file as UTF-8. */
    bom: z.boolean(),
    /** Put `'` before formula triggers wherever a spreadsheet could start a cell (formula injection). */
    guardFormulas: z.boolean(),
  })
  .strict();
export type CsvOptions = z.infer<typeof CsvOptionsSchema>;

/** The view as the user sees it; the file it goes to is added by whoever chose it. */
const exportViewQuery = {
  view: z.enum(exportViews),
  emailingKey: id,
  /** The drill-down's profile (view `profileClicks`): its clicks across the account's emailings. */
  profileId: id.optional(),
  sortModel: SortModelSchema.default([]),
  filterModel: FilterModelSchema.default({}),
  dateRange: DateRangeSchema.optional(),
  /** The "Leave out suspected bots" switch as the view had it (the clicks view). */
  excludeBots: z.boolean().optional(),
  /** Visible columns in the grid's order with the grid's headers. */
  columns: z
    .array(z.object({ colId: z.string().max(300), header: z.string().max(255) }).strict())
    .min(1)
    .max(50),
  format: exportFormat,
  csv: CsvOptionsSchema.optional(),
  /**
   * "Leave out personal data": no profile fields or names, IP addresses, user agents or
   * referers, whatever the columns say (profile IDs stay).
   */
  leaveOutPersonalData: z.boolean().optional(),
};

const needsProfile = {
  check: (r: { view: ExportViewName; profileId?: number | undefined }) =>
    r.view !== 'profileClicks' || r.profileId !== undefined,
  message: 'The profile drill-down export needs a profileId.',
};

export const ExportViewRequestSchema = z
  .object({
    ...exportViewQuery,
    /** An absolute path the user chose in a save dialog. */
    out: z.string().min(1).max(4096),
  })
  .strict()
  .refine(needsProfile.check, { message: needsProfile.message });
export type ExportViewRequest = z.input<typeof ExportViewRequestSchema>;

export const ExportReportRequestSchema = z
  .object({
    emailingKey: id,
    out: z.string().min(1).max(4096),
    /** Leave out personal data; absent: the account's default. */
    leaveOutPersonalData: z.boolean().optional(),
  })
  .strict();
export type ExportReportRequest = z.infer<typeof ExportReportRequestSchema>;

export const ExportProgressSchema = z.object({
  rows: z.number().int().nonnegative(),
  /** Rows the export will write, when known in advance. */
  total: z.number().int().nonnegative().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

export const ExportResultSchema = z.object({
  rows: z.number().int().nonnegative(),
  /** Sheets written (xlsx), or 1 for CSV. */
  sheets: z.number().int().positive(),
  out: z.string(),
  /** Present when the emailing's last sync did not finish: what the file lacks, for the user. */
  warning: z.string().optional(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** Whether an emailing's cached clicks are all there is to export (backend/export/completeness.ts). */
export const SyncCompletenessSchema = z
  .object({
    complete: z.boolean(),
    /** Clicks of the emailing in the cache. */
    cachedClicks: z.number().int().nonnegative(),
    /** Clicks Copernica's emailing list reported, when known. */
    reportedClicks: z.number().int().nonnegative().nullable(),
    /** Why the export will be incomplete, for the user; null when complete. */
    warning: z.string().nullable(),
  })
  .strict();
export type SyncCompleteness = z.infer<typeof SyncCompletenessSchema>;

/**
 * What the window may ask for (the `exportView` method): the view without a file. The renderer
 * never names a path; main asks the user with a save dialog and adds the one they chose.
 */
export const ExportViewInputSchema = z
  .object(exportViewQuery)
  .strict()
  .refine(needsProfile.check, { message: needsProfile.message });
export type ExportViewInput = z.input<typeof ExportViewInputSchema>;

/** An export main started (progress and the outcome follow as exportProgress events), or the user closed the dialog. */
export const ExportStartedSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('started'), exportId: z.string().min(1).max(64), path: z.string() }).strict(),
  z.object({ status: z.literal('cancelled') }).strict(),
]);
export type ExportStarted = z.infer<typeof ExportStartedSchema>;

export const exportPhases = ['writing', 'done', 'failed', 'cancelled'] as const;
export type ExportPhase = (typeof exportPhases)[number];

/** One running export as the window sees it; the last event of an export is done, failed or cancelled. */
export const ExportProgressEventSchema = z.object({
  exportId: z.string().min(1).max(64),
  phase: z.enum(exportPhases),
  rows: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** The file being written (the one the user chose). */
  path: z.string(),
  /** Why it failed (phase `failed`), as a code and a message for the user. */
  error: z.object({ code: z.enum(errorCodes), message: z.string() }).nullable(),
  /** Phase `done`: the file holds what a sync that did not finish cached, and why. */
  warning: z.string().optional(),
});
export type ExportProgressEvent = z.infer<typeof ExportProgressEventSchema>;
