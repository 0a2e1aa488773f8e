/**
 * What an export asks the backend: a view as the user sees it (its filter, sort, column order,
 * visible columns and headers) or all of its rows, as CSV or xlsx, to a file the user chose; or
 * the client report of an emailing. The backend validates these before it reads a row.
 */
import { z } from 'zod';
import { id } from './common';
import { DateRangeSchema, FilterModelSchema, SortModelSchema } from './grid';

export const exportViews = ['clicks', 'links', 'profiles', 'profileClicks'] as const;
export type ExportViewName = (typeof exportViews)[number];

export const CsvOptionsSchema = z
  .object({
    delimiter: z.enum([',', ';']),
    /** A UTF-8 byte order mark, so that Excel reads the file as UTF-8. */
    bom: z.boolean(),
    /** Prefix `'` to text starting with = + - @ tab or CR (formula injection). */
    guardFormulas: z.boolean(),
  })
  .strict();
export type CsvOptions = z.infer<typeof CsvOptionsSchema>;

export const ExportViewRequestSchema = z
  .object({
    view: z.enum(exportViews),
    emailingKey: id,
    /** The drill-down's profile (view `profileClicks`): its clicks across the account's emailings. */
    profileId: id.optional(),
    sortModel: SortModelSchema.default([]),
    filterModel: FilterModelSchema.default({}),
    dateRange: DateRangeSchema.optional(),
    /** Visible columns in the grid's order with the grid's headers. */
    columns: z
      .array(z.object({ colId: z.string().max(64), header: z.string().max(255) }).strict())
      .min(1)
      .max(50),
    format: z.enum(['csv', 'xlsx']),
    csv: CsvOptionsSchema.optional(),
    /** An absolute path the user chose in a save dialog. */
    out: z.string().min(1).max(4096),
  })
  .strict()
  .refine((r) => r.view !== 'profileClicks' || r.profileId !== undefined, {
    message: 'The profile drill-down export needs a profileId.',
  });
export type ExportViewRequest = z.input<typeof ExportViewRequestSchema>;

export const ExportReportRequestSchema = z
  .object({ emailingKey: id, out: z.string().min(1).max(4096) })
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
});
export type ExportResult = z.infer<typeof ExportResultSchema>;
