/**
 * The command-line export (`npm run cli -- export …`): one view of a cached emailing, or its
 * client report, from a cache file opened read-only. The clicks view keeps the API's twelve field
 * names and order (clicksQuery.ts), so scripts written against the API read the file unchanged;
 * links and profiles use the app's grid columns and headers. The result's `warning` says when
 * the emailing's last sync did not finish (completeness.ts); the CLI prints it on stderr.
 */
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { ExportFormat, ExportResult } from '../../shared/schemas/export';
import { openDatabase } from '../db/open';
import { findEmailingKeys } from '../db/emailings';
import { CLICK_API_FIELDS } from './clicksQuery';
import { CLICK_VERDICT_FIELDS, countClicks, iterateClickVerdictRows } from './clickVerdictRows';
import { botsNote, exportDevices } from './devicesExport';
import { syncCompleteness } from './completeness';
import type { CsvFormat } from './csvFormat';
import { type ExportControl, withScanCache, writeExport } from './exportFile';
import { exportReport } from './report';
import type { ColumnKind, ExportColumn } from './table';
import { defaultColumns } from './viewColumns';
import { cachedEmailing, exportView } from './viewExport';

export const commandViews = ['clicks', 'links', 'profiles', 'report', 'devices'] as const;
export type CommandView = (typeof commandViews)[number];

export interface ExportCommandOptions extends ExportControl {
  dbPath: string;
  emailingId: number;
  view: CommandView;
  format: ExportFormat;
  out: string;
  csv: CsvFormat;
  /** Leave out the suspected bots (the CLI's exports hold every click unless told). */
  excludeBots?: boolean;
}

const apiFieldKinds: Record<(typeof CLICK_API_FIELDS)[number], ColumnKind> = {
  ID: 'id',
  link_id: 'id',
  link: 'text',
  link_title: 'text',
  timestamp: 'wallClock',
  ip: 'text',
  useragent: 'text',
  referer: 'text',
  emailing: 'id',
  destination: 'id',
  profile: 'id',
  subprofile: 'id',
};

const apiColumns: ExportColumn[] = [
  ...CLICK_API_FIELDS.map((field) => ({ header: field, kind: apiFieldKinds[field] })),
  { header: CLICK_VERDICT_FIELDS[0], kind: 'count' },
  { header: CLICK_VERDICT_FIELDS[1], kind: 'text' },
];

export async function exportFromCache(options: ExportCommandOptions): Promise<ExportResult> {
  const { dbPath, emailingId, view, format, out } = options;
  if (!existsSync(dbPath)) throw new AppError('not_cached', `There is no cache at ${dbPath}; sync first.`);
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const [emailingKey] = findEmailingKeys(db, emailingId);
    if (emailingKey === undefined) {
      throw new AppError(
        'not_cached',
        `Emailing ${emailingId} is not in the cache ${dbPath}; sync it first.`,
      );
    }
    if (view === 'report') {
      if (format !== 'xlsx')
        throw new AppError('invalid_input', 'The report is a workbook; use --format xlsx.');
      return await exportReport(db, { emailingKey, out }, options);
    }
    if (view === 'clicks') {
      cachedEmailing(db, emailingKey);
      const { warning } = syncCompleteness(db, emailingKey);
      const excludeBots = options.excludeBots ?? false;
      const total = countClicks(db, emailingKey, excludeBots);
      const { rows, sheets } = await withScanCache(db, () =>
        writeExport(
          out,
          format === 'csv'
            ? { kind: 'csv', csv: options.csv }
            : {
                kind: 'xlsx',
                xlsx: { title: `Clicks of emailing ${emailingId} (${botsNote(excludeBots)})` },
              },
          [
            {
              name: 'Clicks',
              columns: apiColumns,
              total,
              rows: iterateClickVerdictRows(db, emailingKey, excludeBots),
            },
          ],
          options,
        ),
      );
      return { rows, sheets, out, ...(warning ? { warning } : {}) };
    }
    if (view === 'devices') return await exportDevices(db, emailingKey, emailingId, options);
    return await exportView(
      db,
      { view, emailingKey, columns: defaultColumns(view), format, csv: options.csv, out },
      options,
    );
  } finally {
    db.close();
  }
}
