/**
 * The client report of one emailing, in one workbook: a Summary sheet (account, emailing, when
 * it was sent and when its clicks were last refreshed, totals, the key figures with their
 * formulas and the reconciliation (keyFiguresRows.ts), and the top links), then the
 * Links, Profiles and Clicks views in full, each with the grid's default columns. A report on an
 * emailing whose last sync did not finish says so in bold under its title (completeness.ts):
 * the client reads the Summary, not the log.
 */
import type Database from 'better-sqlite3';
import type { SortModel } from '../../shared/schemas/grid';
import {
  type ExportReportRequest,
  ExportReportRequestSchema,
  type ExportResult,
} from '../../shared/schemas/export';
import { ZoneConverter } from '../../shared/wallClock';
import { SummaryViews } from '../views/summaryViews';
import { syncCompleteness } from './completeness';
import { withScanCache, writeExport } from './exportFile';
import { botAndDeviceRows } from './botDeviceRows';
import { keyFiguresRows } from './keyFiguresRows';
import type { ColumnKind, ExportValue } from './table';
import { cachedEmailing, type ExportOptions, viewTable } from './viewExport';
import { defaultColumns } from './viewColumns';
import { readProfileSettings } from '../profiles/profileSettings';
import { type Product, productLabels } from '../../shared/schemas/product';
import { validRequest } from '../validRequest';

const TOP_LINKS = 10;

interface ReportFacts {
  accountLabel: string;
  timeZone: string;
  remoteId: number;
  product: Product;
  subject: string | null;
  sentAt: string | null;
  refreshedAt: string | null;
  totalClicks: number;
  uniqueClickers: number;
  uniqueLinks: number;
}

function facts(db: Database.Database, emailingKey: number): ReportFacts {
  return db
    .prepare(
      `SELECT a.label AS accountLabel, a.time_zone AS timeZone, e.remote_id AS remoteId, e.product, e.subject,
              e.sent_at AS sentAt, s.last_success_at AS refreshedAt,
              (SELECT COUNT(*) FROM clicks c WHERE c.emailing_id = e.id) AS totalClicks,
              (SELECT COUNT(*) FROM profile_stats p WHERE p.emailing_id = e.id AND p.profile IS NOT NULL) AS uniqueClickers,
              (SELECT COUNT(*) FROM link_stats l WHERE l.emailing_id = e.id) AS uniqueLinks
         FROM emailings e JOIN accounts a ON a.id = e.account_id
         LEFT JOIN sync_state s ON s.emailing_id = e.id
        WHERE e.id = ?`,
    )
    .get(emailingKey) as ReportFacts;
}

/** An ISO instant as wall seconds in the account's zone, so Excel shows the app's clock. */
function wallSecondsOf(iso: string | null, timeZone: string): number | null {
  if (!iso) return null;
  const utc = Date.parse(iso) / 1000;
  if (!Number.isFinite(utc)) return null;
  try {
    return Math.round(utc + new ZoneConverter(timeZone).offsetAt(utc));
  } catch {
    return Math.round(utc);
  }
}

/** What the Summary says of the personal data in the workbook, so the client knows what they hold. */
export function personalDataStatement(leftOut: boolean): string {
  return leftOut
    ? 'Left out: no profile fields, IP addresses, user agents or referers (profile IDs stay)'
    : 'Included: IP addresses, user agents and referers of the clicks';
}

function summaryRows(
  db: Database.Database,
  emailingKey: number,
  warning: string | null,
  leaveOutPersonalData: boolean,
): [ExportValue[], ColumnKind[]][] {
  const f = facts(db, emailingKey);
  const top = new SummaryViews(db)
    .links({ emailingKey, sortModel: [], filterModel: {} })
    .rows.slice(0, TOP_LINKS);
  const fact = (label: string, value: ExportValue, kind: ColumnKind): [ExportValue[], ColumnKind[]] => [
    [label, value],
    ['label', kind],
  ];
  const labels = (...values: string[]): [ExportValue[], ColumnKind[]] => [values, values.map(() => 'label')];
  // A time's caption names the zone its wall clock reads in ("Sent at (Europe/Amsterdam)").
  const zoned = ([values, kinds]: [ExportValue[], ColumnKind[]]): [ExportValue[], ColumnKind[]] =>
    kinds[0] === 'label' && kinds[1] === 'wallClock'
      ? [[`${values[0]} (${f.timeZone})`, ...values.slice(1)], kinds]
      : [values, kinds];
  const rows: [ExportValue[], ColumnKind[]][] = [
    labels('Click report'),
    ...(warning
      ? [labels('Incomplete data', `${warning} Sync the emailing again for the full report.`)]
      : []),
    [[], []],
    fact('Account', f.accountLabel, 'text'),
    fact('Emailing', f.remoteId, 'id'),
    // Publisher's report is as it was; a Marketing Suite emailing's says which product its ID is of.
    ...(f.product === 'ms' ? [fact('Product', productLabels.ms, 'text')] : []),
    fact('Subject', f.subject, 'text'),
    fact('Sent at', f.sentAt, 'wallClock'),
    fact('Clicks refreshed at', wallSecondsOf(f.refreshedAt, f.timeZone), 'wallClock'),
    // The times above and on the Clicks sheet are wall-clock times: say whose.
    fact('Time zone', f.timeZone, 'text'),
    fact('Personal data', personalDataStatement(leaveOutPersonalData), 'text'),
    fact('Total clicks', f.totalClicks, 'count'),
    // Profiles, not destinations: the key figures' "Unique clickers" below are Copernica's.
    fact('Clicking profiles', f.uniqueClickers, 'count'),
    fact('Unique links', f.uniqueLinks, 'count'),
    [[], []],
    ...keyFiguresRows(db, emailingKey, (iso) => wallSecondsOf(iso, f.timeZone)),
    [[], []],
    ...botAndDeviceRows(db, emailingKey),
    [[], []],
    labels('Top links (suspected bots included)'),
    labels('Link title', 'Link', 'Clicks', 'Unique profiles', 'Share of clicks'),
    ...top.map((link): [ExportValue[], ColumnKind[]] => [
      [link.linkTitle, link.link, link.clicks, link.uniqueProfiles, link.share],
      ['text', 'text', 'count', 'count', 'share'],
    ]),
  ];
  return rows.map(zoned);
}

export async function exportReport(
  db: Database.Database,
  request: ExportReportRequest,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const parsed = validRequest(ExportReportRequestSchema, request, 'The report request');
  const { emailingKey, out } = parsed;
  const emailing = cachedEmailing(db, emailingKey);
  const { warning } = syncCompleteness(db, emailingKey);
  // Unless the request says, the account's default (its profile settings).
  const leaveOut =
    parsed.leaveOutPersonalData ?? readProfileSettings(db, emailing.accountId).leaveOutPersonalData;
  const summary = summaryRows(db, emailingKey, warning, leaveOut);
  const view = (name: 'links' | 'profiles' | 'clicks', sortModel: SortModel) =>
    viewTable(
      db,
      {
        view: name,
        emailingKey,
        sortModel,
        filterModel: {},
        columns: defaultColumns(name),
        format: 'xlsx',
        out,
        leaveOutPersonalData: leaveOut,
      },
      emailing.accountId,
    );
  const { rows, sheets } = await withScanCache(db, () =>
    writeExport(
      out,
      {
        kind: 'xlsx',
        xlsx: {
          rowsPerSheet: options.rowsPerSheet,
          title: `Click report — ${emailing.subject ?? `emailing ${emailing.remoteId}`}`,
        },
      },
      [
        {
          name: 'Summary',
          columns: [
            { header: '', kind: 'label', width: 24 },
            { header: '', kind: 'text', width: 60 },
            { header: '', kind: 'count', width: 12 },
            { header: '', kind: 'count', width: 16 },
            { header: '', kind: 'share', width: 16 },
          ],
          rows: summary.map(([values]) => values),
          rowKinds: summary.map(([, kinds]) => kinds),
          options: { header: false },
          total: summary.length,
        },
        view('links', []),
        view('profiles', []),
        view('clicks', [{ colId: 'timestamp', sort: 'asc' }]),
      ],
      options,
    ),
  );
  return { rows, sheets, out, ...(warning ? { warning } : {}) };
}
