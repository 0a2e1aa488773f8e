/**
 * What a client report covers and how it is written: the scope the user set on screen (the
 * period, the clicks grid's filters, the bot switch), the language of its words and the locale
 * of its numbers and dates, chosen apart (a Dutch account manager may write to an English client
 * with Dutch decimal commas, or the other way round).
 */
import { z } from 'zod';
import { id } from './common';
import { EmailingFiguresSchema } from './figures';
import { DateRangeSchema, FilterModelSchema } from './grid';

export const reportLanguages = ['nl', 'en'] as const;
export const ReportLanguageSchema = z.enum(reportLanguages);
export type ReportLanguage = z.infer<typeof ReportLanguageSchema>;

/** The number and date formats a report may use. */
export const numberLocales = ['nl-NL', 'en-US'] as const;
export const NumberLocaleSchema = z.enum(numberLocales);
export type NumberLocale = z.infer<typeof NumberLocaleSchema>;

export const ReportScopeSchema = z
  .object({
    dateRange: DateRangeSchema.optional(),
    /** The clicks grid's filter model, over its columns. */
    filterModel: FilterModelSchema.default({}),
    /** "Leave out suspected bots", as the switch on screen is. */
    excludeBots: z.boolean().default(false),
  })
  .strict();
export type ReportScope = z.input<typeof ReportScopeSchema>;

export const ReportStyleSchema = z
  .object({ language: ReportLanguageSchema.default('en'), numberLocale: NumberLocaleSchema.default('en-US') })
  .strict();
export type ReportStyle = z.input<typeof ReportStyleSchema>;

export const reportFormats = ['pdf', 'xlsx', 'csv'] as const;
export const ReportFormatSchema = z.enum(reportFormats);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

/** The PDF of one emailing, or the comparison of several (2 to 24), to a file main's dialog chose. */
export const ClientReportRequestSchema = z
  .object({
    emailingKeys: z.array(id).min(1).max(24),
    format: ReportFormatSchema,
    scope: ReportScopeSchema.default({ filterModel: {}, excludeBots: false }),
    style: ReportStyleSchema.default({ language: 'en', numberLocale: 'en-US' }),
    out: z.string().min(1).max(4096),
  })
  .strict();
export type ClientReportRequest = z.input<typeof ClientReportRequestSchema>;

/** What the window asks for: the report without a file; main's save dialog adds the path. */
export const ClientReportInputSchema = ClientReportRequestSchema.omit({ out: true });
export type ClientReportInput = z.input<typeof ClientReportInputSchema>;

/**
 * The first page of a report as the window previews it before saving: the same lines the PDF
 * prints (backend/report/reportPreview.ts), as text.
 */
export const ReportPreviewSchema = z.object({
  title: z.string(),
  facts: z.array(z.tuple([z.string(), z.string()])),
  /** What the report covers, the bot line, the reconciliation. */
  lines: z.array(z.string()),
  tables: z.array(z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) })),
  notes: z.array(z.string()),
});
export type ReportPreview = z.infer<typeof ReportPreviewSchema>;

export const CompareInputSchema = z
  .object({
    emailingKeys: z.array(id).min(2).max(24),
    scope: ReportScopeSchema.default({ filterModel: {}, excludeBots: false }),
  })
  .strict();
export type CompareInput = z.input<typeof CompareInputSchema>;

const linkKind = z.enum(['content', 'webversion', 'unsubscribe', 'profile', 'social']);

/** The comparison view: the emailings oldest first with their figures, and the matched links. */
export const ComparisonViewSchema = z.object({
  emailings: z.array(
    z.object({
      emailingKey: id,
      remoteId: id,
      subject: z.string().nullable(),
      sentAt: z.string().nullable(),
      figures: EmailingFiguresSchema,
    }),
  ),
  links: z.array(
    z.object({
      key: z.string(),
      title: z.string().nullable(),
      kind: linkKind,
      /** Clicks per emailing, in the order of `emailings`; null where it had no such link clicked. */
      clicks: z.array(z.number().int().nonnegative().nullable()),
      total: z.number().int().nonnegative(),
    }),
  ),
  /** Matched links beyond those sent (the files hold them all). */
  moreLinks: z.number().int().nonnegative(),
});
export type ComparisonView = z.infer<typeof ComparisonViewSchema>;
