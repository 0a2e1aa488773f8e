/**
 * "Export what I see": one view of an emailing (clicks, links, profiles or a profile's
 * drill-down) with the grid's filter, sort, column order, visible columns and headers — or all
 * of its rows, when the caller sends no filter — as CSV or xlsx, streamed from SQLite to disk.
 *
 * The rows are read through `db` while the file is written; an open SQLite iterator keeps its
 * connection busy, so the app gives an export a read-only connection of its own.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import {
  type ExportResult,
  type ExportViewRequest,
  ExportViewRequestSchema,
} from '../../shared/schemas/export';
import type { ViewRequest } from '../../shared/schemas/grid';
import { ClicksView } from '../views/clicksBlock';
import { SummaryViews } from '../views/summaryViews';
import { syncCompleteness } from './completeness';
import { csvFormatFor } from './csvFormat';
import {
  type ExportControl,
  type ExportTable,
  type FileFormat,
  withScanCache,
  writeExport,
} from './exportFile';
import { iterateProfileClicks } from './profileClicksQuery';
import type { ExportColumn, ExportValue } from './table';
import { profileColumns, resolveColumns, viewColumns } from './viewColumns';
import {
  PROFILE_NAME_COLUMN,
  isPersonalDataColumn,
  profileFieldOf,
} from '../../shared/columns/profileFieldColumns';
import { loadProfileFieldValues } from '../profiles/profileFieldValues';
import { readProfileSettings } from '../profiles/profileSettings';
import { validRequest } from '../validRequest';

export interface ExportOptions extends ExportControl {
  /** Data rows per xlsx sheet before a view continues on the next; Excel's limit by default. */
  rowsPerSheet?: number;
}

type ParsedRequest = ReturnType<typeof ExportViewRequestSchema.parse>;

export async function exportView(
  db: Database.Database,
  request: ExportViewRequest,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const req = validRequest(ExportViewRequestSchema, request, 'The export request');
  const emailing = cachedEmailing(db, req.emailingKey);
  const table = viewTable(db, req, emailing.accountId);
  const format: FileFormat =
    req.format === 'csv'
      ? { kind: 'csv', csv: req.csv ?? csvFormatFor(undefined) }
      : {
          kind: 'xlsx',
          xlsx: {
            rowsPerSheet: options.rowsPerSheet,
            title: `${table.name} — ${emailing.subject ?? `emailing ${emailing.remoteId}`}`,
          },
        };
  // The drill-down spans the account's emailings: no one emailing's sync speaks for it.
  const { warning } =
    req.view === 'profileClicks' ? { warning: null } : syncCompleteness(db, req.emailingKey);
  const { rows, sheets } = await withScanCache(db, () => writeExport(req.out, format, [table], options));
  return { rows, sheets, out: req.out, ...(warning ? { warning } : {}) };
}

export interface CachedEmailingInfo {
  key: number;
  accountId: number;
  remoteId: number;
  subject: string | null;
}

/** The emailing, if its clicks were ever synced (or any are cached); otherwise `not_cached`. */
export function cachedEmailing(db: Database.Database, emailingKey: number): CachedEmailingInfo {
  const row = db
    .prepare(
      `SELECT e.id AS key, e.account_id AS accountId, e.remote_id AS remoteId, e.subject,
              EXISTS (SELECT 1 FROM sync_state s WHERE s.emailing_id = e.id AND s.last_success_at IS NOT NULL)
              OR EXISTS (SELECT 1 FROM clicks c WHERE c.emailing_id = e.id) AS cached
         FROM emailings e WHERE e.id = ?`,
    )
    .get(emailingKey) as (CachedEmailingInfo & { cached: number }) | undefined;
  if (!row || !row.cached) {
    throw new AppError(
      'not_cached',
      `The clicks of ${row ? `emailing ${row.remoteId}` : 'this emailing'} are not in the cache; refresh it first.`,
    );
  }
  const { cached: _, ...info } = row;
  return info;
}

function* mapRows<Row>(rows: Iterable<Row>, values: (row: Row) => ExportValue[]): Generator<ExportValue[]> {
  for (const row of rows) yield values(row);
}

/** The view's rows as a table with the requested columns; nothing is read until it is written. */
export function viewTable(db: Database.Database, req: ParsedRequest, accountId: number): ExportTable {
  const table = unzonedViewTable(db, req, accountId);
  return { ...table, columns: withTimeZone(table.columns, accountTimeZone(db, accountId)) };
}

function accountTimeZone(db: Database.Database, accountId: number): string {
  return db.prepare('SELECT time_zone FROM accounts WHERE id = ?').pluck().get(accountId) as string;
}

/**
 * Copernica's times carry no zone, and a file travels without the app: each time column says in
 * its header which zone its wall clock reads in ("Clicked at (Europe/Amsterdam)"), unless the
 * caller's header already names it.
 */
export function withTimeZone(columns: readonly ExportColumn[], timeZone: string): ExportColumn[] {
  return columns.map((c) =>
    c.kind === 'wallClock' && !c.header.includes(timeZone)
      ? { ...c, header: `${c.header} (${timeZone})` }
      : c,
  );
}

/**
 * The columns to write: without the personal ones when the request leaves personal data out
 * (a file of nothing but personal columns is refused rather than written empty).
 */
function exportedColumns(req: ParsedRequest): ParsedRequest['columns'] {
  if (!req.leaveOutPersonalData) return req.columns;
  const kept = req.columns.filter((c) => !isPersonalDataColumn(c.colId));
  if (kept.length === 0) {
    throw new AppError(
      'invalid_input',
      'Every chosen column is personal data, which this export leaves out: choose another column too.',
    );
  }
  return kept;
}

/** The cached values of the profile columns the request names, read before any row is. */
function profileValuesFor(
  db: Database.Database,
  accountId: number,
  columns: ParsedRequest['columns'],
  profiles: { emailingKey: number } | { profileId: number },
) {
  const fields = columns.map((c) => profileFieldOf(c.colId)).filter((f): f is string => f !== null);
  const wantsName = columns.some((c) => c.colId === PROFILE_NAME_COLUMN);
  const nameFields = wantsName ? readProfileSettings(db, accountId).nameFields : [];
  return loadProfileFieldValues(db, accountId, profiles, fields, nameFields);
}

function unzonedViewTable(db: Database.Database, parsed: ParsedRequest, accountId: number): ExportTable {
  const req = { ...parsed, columns: exportedColumns(parsed) };
  const query: ViewRequest = {
    emailingKey: req.emailingKey,
    sortModel: req.sortModel,
    filterModel: req.filterModel,
    ...(req.dateRange ? { dateRange: req.dateRange } : {}),
    ...(req.excludeBots ? { excludeBots: true } : {}),
  };
  switch (req.view) {
    case 'clicks': {
      const { columns, values } = resolveColumns(
        viewColumns.clicks,
        req.columns,
        profileColumns(profileValuesFor(db, accountId, req.columns, { emailingKey: req.emailingKey })),
      );
      const view = new ClicksView(db);
      // Also validates the sort and filter before the file is created.
      const total = view.block({ ...query, startRow: 0, endRow: 1 }).rowCount;
      // The sheet's name says whether the suspected bots were left out (every exported view does).
      const name = req.excludeBots ? 'Clicks without bots' : 'Clicks';
      return { name, columns, total, rows: mapRows(view.rows(query), values) };
    }
    case 'links': {
      const { columns, values } = resolveColumns(viewColumns.links, req.columns);
      const links = new SummaryViews(db).links(query).rows;
      return { name: 'Links', columns, total: links.length, rows: mapRows(links, values) };
    }
    case 'profiles': {
      const { columns, values } = resolveColumns(
        viewColumns.profiles,
        req.columns,
        profileColumns(profileValuesFor(db, accountId, req.columns, { emailingKey: req.emailingKey })),
      );
      const views = new SummaryViews(db);
      const total = views.profilesBlock({ ...query, startRow: 0, endRow: 1 }).rowCount;
      return { name: 'Profiles', columns, total, rows: mapRows(views.profileRows(query), values) };
    }
    case 'profileClicks': {
      const { columns, values } = resolveColumns(viewColumns.profileClicks, req.columns);
      const rows = iterateProfileClicks(db, {
        accountId,
        profileId: req.profileId as number,
        sortModel: req.sortModel,
        filterModel: req.filterModel,
        dateRange: req.dateRange,
      });
      return { name: `Profile ${req.profileId}`, columns, total: null, rows: mapRows(rows, values) };
    }
  }
}
