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
import type { Product } from '../../shared/schemas/product';
import { CLICK_API_FIELDS } from './clicksQuery';
import { chooseCachedEmailing } from './cachedEmailingChoice';
import { CLICK_VERDICT_FIELDS, countClicks, iterateClickVerdictRows } from './clickVerdictRows';
import { botsNote, exportDevices } from './devicesExport';
import { syncCompleteness } from './completeness';
import type { CsvFormat } from './csvFormat';
import { type ExportControl, withScanCache, writeExport } from './exportFile';
import { exportReport } from './report';
import type { ColumnKind, ExportColumn, ExportValue } from './table';
import { profileFieldColumnId } from '../../shared/columns/profileFieldColumns';
import { checkedFieldNames } from '../profiles/databaseFields';
import { loadProfileFieldValues } from '../profiles/profileFieldValues';
import { defaultColumns } from './viewColumns';
import { cachedEmailing, exportView } from './viewExport';

export const commandViews = ['clicks', 'links', 'profiles', 'report', 'devices'] as const;
export type CommandView = (typeof commandViews)[number];

export interface ExportCommandOptions extends ExportControl {
  dbPath: string;
  emailingId: number;
  /** Which product's emailing `emailingId` names, default Publisher. */
  product?: Product;
  view: CommandView;
  format: ExportFormat;
  out: string;
  csv: CsvFormat;
  /** The account's label or ID in the cache, when the emailing's ID is in several. */
  account?: string;
  /** Leave out the suspected bots (the CLI's exports hold every click unless told). */
  excludeBots?: boolean;
  /** Profile fields (as the database names them) added as columns to the clicks and profiles views. */
  profileFields?: string[];
  /** No profile fields, IP addresses, user agents or referers in the file. */
  leaveOutPersonalData?: boolean;
}

/** The API's click fields that are personal data, left out by `leaveOutPersonalData`. */
const PERSONAL_API_FIELDS: readonly string[] = ['ip', 'useragent', 'referer'];
/** Where the API row holds the profile ID. */
const PROFILE_INDEX = CLICK_API_FIELDS.indexOf('profile');

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
    const emailingKey = chooseCachedEmailing(
      db,
      emailingId,
      options.account,
      dbPath,
      options.product ?? 'publisher',
    );
    if (view === 'report') {
      if (format !== 'xlsx')
        throw new AppError('invalid_input', 'The report is a workbook; use --format xlsx.');
      return await exportReport(
        db,
        {
          emailingKey,
          out,
          ...(options.leaveOutPersonalData ? { leaveOutPersonalData: true } : {}),
        },
        options,
      );
    }
    const leaveOut = options.leaveOutPersonalData ?? false;
    const excludeBots = options.excludeBots ?? false;
    if (leaveOut && (options.profileFields?.length ?? 0) > 0) {
      throw new AppError(
        'invalid_input',
        'Profile fields are personal data: they cannot be added to an export that leaves personal data out.',
      );
    }
    const withProfiles = view === 'clicks' || view === 'profiles';
    // The other views say for themselves when the emailing is not cached.
    const accountId = withProfiles ? cachedEmailing(db, emailingKey).accountId : 0;
    const fields =
      withProfiles && options.profileFields && options.profileFields.length > 0
        ? checkedFieldNames(db, accountId, options.profileFields)
        : [];
    if (view === 'clicks') {
      const { warning } = syncCompleteness(db, emailingKey);
      const keep = apiColumns.map((c) => !(leaveOut && PERSONAL_API_FIELDS.includes(c.header)));
      const values = loadProfileFieldValues(db, accountId, { emailingKey }, fields, []);
      const columns: ExportColumn[] = [
        ...apiColumns.filter((_, i) => keep[i]),
        ...fields.map((field) => ({ header: field, kind: 'text' as const })),
      ];
      const clickRows = function* (): Generator<ExportValue[]> {
        for (const row of iterateClickVerdictRows(db, emailingKey, excludeBots)) {
          const out: ExportValue[] = row.filter((_, i) => keep[i]);
          const profile = row[PROFILE_INDEX] as number | null;
          for (const field of fields) out.push(values.value(profile, field));
          yield out;
        }
      };
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
          [{ name: 'Clicks', columns, total, rows: clickRows() }],
          options,
        ),
      );
      return { rows, sheets, out, ...(warning ? { warning } : {}) };
    }
    if (view === 'devices') return await exportDevices(db, emailingKey, emailingId, options);
    const columns = [
      ...defaultColumns(view),
      ...fields.map((field) => ({ colId: profileFieldColumnId(field), header: field })),
    ];
    return await exportView(
      db,
      {
        view,
        emailingKey,
        columns,
        format,
        csv: options.csv,
        out,
        ...(leaveOut ? { leaveOutPersonalData: true } : {}),
      },
      options,
    );
  } finally {
    db.close();
  }
}
