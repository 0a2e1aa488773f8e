/**
 * The client report, as the app's "Client report" and the CLI's `report` make it: one emailing
 * as a PDF (or the workbook of the export module), several as a comparison in PDF, xlsx or CSV.
 * The file is written whole or not at all (atomicFile.ts).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { ExportResult } from '../../shared/schemas/export';
import { type ClientReportRequest, ClientReportRequestSchema } from '../../shared/schemas/report';
import { writeFileAtomically } from '../export/atomicFile';
import { withScanCache } from '../export/exportFile';
import { exportReport } from '../export/report';
import type { ExportOptions } from '../export/viewExport';
import { emailingReportData } from './emailingReport';
import { writeEmailingReportPdf } from './pdf/emailingReportPdf';
import { parseScope } from './scopeSql';
import { parseStyle } from './reportStyle';
import { writeComparison } from './comparisonExport';

export async function writeClientReport(
  db: Database.Database,
  request: ClientReportRequest,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const parsed = ClientReportRequestSchema.safeParse(request);
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      `The report request is not valid: ${parsed.error.issues[0]?.message}`,
    );
  const { emailingKeys, format, out } = parsed.data;
  const scope = parseScope(parsed.data.scope);
  const style = parseStyle(parsed.data.style);
  // A report reads each click once at most: the small page cache of an export, not the app's 256 MB.
  if (emailingKeys.length > 1)
    return withScanCache(db, () => writeComparison(db, emailingKeys, format, scope, style, out, options));
  const emailingKey = emailingKeys[0]!;
  if (format === 'xlsx') return exportReport(db, { emailingKey, out }, options);
  if (format === 'csv')
    throw new AppError(
      'invalid_input',
      'The report of one emailing is a PDF or a workbook; CSV is for the comparison.',
    );
  if (options.signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
  const data = await withScanCache(db, async () => emailingReportData(db, emailingKey, scope));
  await writeFileAtomically(out, (writer) => writeEmailingReportPdf(data, style, writer));
  return {
    rows: data.figures.cache.clicks,
    sheets: 1,
    out,
    ...(data.incomplete ? { warning: data.incomplete } : {}),
  };
}
