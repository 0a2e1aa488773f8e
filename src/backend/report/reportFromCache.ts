/**
 * The command-line report (`npm run cli -- report …`): the PDF or workbook of one cached
 * emailing, or the comparison of several, from a cache file opened read-only, the same files
 * the app writes.
 */
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { ExportResult } from '../../shared/schemas/export';
import type { ReportFormat, ReportScope, ReportStyle } from '../../shared/schemas/report';
import { formatWallClock, parseWallClock } from '../../shared/wallClock';
import { chooseCachedEmailing } from '../export/cachedEmailingChoice';
import type { Product } from '../../shared/schemas/product';
import { openDatabase } from '../db/open';
import type { ExportControl } from '../export/exportFile';
import { writeClientReport } from './clientReport';

export interface ReportCommandOptions extends ExportControl {
  dbPath: string;
  /** The emailings by their Copernica ID in their product, in the order given. */
  emailings: { id: number; product: Product }[];
  /** The account's label or ID in the cache, when an emailing's ID is in several. */
  account?: string;
  format: ReportFormat;
  out: string;
  style: ReportStyle;
  scope: ReportScope;
  /** The first N days after sending (one emailing): the period from its send time. */
  days?: number;
}

export async function reportFromCache(options: ReportCommandOptions): Promise<ExportResult> {
  const { dbPath, emailings } = options;
  if (!existsSync(dbPath)) throw new AppError('not_cached', `There is no cache at ${dbPath}; sync first.`);
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const keys = emailings.map(({ id, product }) =>
      chooseCachedEmailing(db, id, options.account, dbPath, product),
    );
    let scope = options.scope;
    if (options.days !== undefined) {
      const sentAt = db.prepare('SELECT sent_at FROM emailings WHERE id = ?').pluck().get(keys[0]) as
        string | null;
      const sent = sentAt === null ? null : parseWallClock(sentAt);
      if (sentAt === null || sent === null)
        throw new AppError(
          'invalid_input',
          `Emailing ${emailings[0]?.id} has no send time; give --from and --to instead of --days.`,
        );
      // Days of the calendar the user reads, as the period control counts them.
      scope = { ...scope, dateRange: { from: sentAt, to: formatWallClock(sent + options.days * 86_400) } };
    }
    return await writeClientReport(
      db,
      { emailingKeys: keys, format: options.format, out: options.out, style: options.style, scope },
      options,
    );
  } finally {
    db.close();
  }
}
