import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../src/backend/accounts/profileDetails';
import { iterateClickApiRows } from '../../src/backend/export/clicksQuery';
import { defaultColumns } from '../../src/backend/export/viewColumns';
import { exportView } from '../../src/backend/export/viewExport';
import { ClicksView } from '../../src/backend/views/clicksBlock';
import { SummaryViews } from '../../src/backend/views/summaryViews';
import type { DateRange, FilterModel, SortModel } from '../../src/shared/schemas/grid';
import type { ExportViewRequest } from '../../src/shared/schemas/export';
import type { ClickRow } from '../../src/shared/schemas/views';
import { useTempDir } from '../helpers/tempDir';
import { edgeClicks, useSeededCache, SYNCED_CLICKS } from './seed';
import { readWorkbook, wallClockOf } from './xlsxReaders';

const tempDir = useTempDir();
const cache = useSeededCache('copernica-export-');

const csv = { delimiter: ',', bom: false, guardFormulas: false } as const;

function readCsv(path: string): string[][] {
  return parse(readFileSync(path, 'utf8'), { bom: true }) as string[][];
}

/** The grid's time columns name the account's zone in an export's header. */
const zoned = (header: string): string =>
  ['Clicked at', 'First click', 'Last click'].includes(header) ? `${header} (Europe/Amsterdam)` : header;

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** The clicks grid's rows for a query, block by block, as the app shows them. */
function gridClicks(query: {
  sortModel: SortModel;
  filterModel: FilterModel;
  dateRange?: DateRange;
}): ClickRow[] {
  const view = new ClicksView(cache().db);
  const rows: ClickRow[] = [];
  for (let start = 0; ; start += 1000) {
    const block = view.block({
      emailingKey: cache().synced,
      startRow: start,
      endRow: start + 1000,
      ...query,
    });
    rows.push(...block.rows);
    if (rows.length >= block.rowCount) return rows;
  }
}

function request(overrides: Partial<ExportViewRequest>): ExportViewRequest {
  return {
    view: 'clicks',
    emailingKey: cache().synced,
    columns: defaultColumns('clicks'),
    format: 'csv',
    csv,
    out: join(tempDir(), 'out.csv'),
    ...overrides,
  } as ExportViewRequest;
}

describe('exportView: what I see', () => {
  it('exports all rows of the clicks view with the grid headers', async () => {
    const req = request({});
    const result = await exportView(cache().db, req);
    expect(result).toEqual({ rows: SYNCED_CLICKS, sheets: 1, out: req.out });
    const records = readCsv(req.out);
    expect(records[0]).toEqual(defaultColumns('clicks').map((c) => zoned(c.header)));
    expect(records[0]).toContain('Clicked at (Europe/Amsterdam)');
    expect(records.slice(1)).toEqual(
      gridClicks({ sortModel: [], filterModel: {} }).map((r) =>
        defaultColumns('clicks').map((c) => text(r[c.colId as keyof ClickRow])),
      ),
    );
  });

  it.each([
    ['time, newest first', [{ colId: 'timestamp', sort: 'desc' }], {}],
    [
      'link title (a dictionary column) with a filter',
      [{ colId: 'linkTitle', sort: 'asc' }],
      {
        linkTitle: { filterType: 'text', type: 'contains', filter: 'Bekijk' },
      },
    ],
    [
      'user agent, descending, with a number filter',
      [{ colId: 'userAgent', sort: 'desc' }],
      {
        profile: { filterType: 'number', type: 'greaterThan', filter: 1_000_500 },
      },
    ],
    [
      'IP with a date range',
      [{ colId: 'ip', sort: 'asc' }],
      {},
      { from: '2024-10-26 09:10:00', to: '2024-10-26 09:20:00' },
    ],
  ] as [string, SortModel, FilterModel, DateRange?][])(
    'exports the grid order and filter: %s, in the chosen columns and headers',
    async (_, sortModel, filterModel, dateRange) => {
      const columns = [
        { colId: 'timestamp', header: 'Wanneer' },
        { colId: 'linkTitle', header: 'Titel' },
        { colId: 'id', header: '' },
        { colId: 'userAgent', header: 'Browser' },
        { colId: 'ip', header: 'IP' },
        { colId: 'profile', header: 'Profiel' },
      ];
      const req = request({ sortModel, filterModel, dateRange, columns });
      const expected = gridClicks({ sortModel, filterModel, dateRange });
      expect(expected.length).toBeGreaterThan(10);
      expect((await exportView(cache().db, req)).rows).toBe(expected.length);
      const records = readCsv(req.out);
      expect(records[0]).toEqual([
        'Wanneer (Europe/Amsterdam)',
        'Titel',
        'Click ID',
        'Browser',
        'IP',
        'Profiel',
      ]);
      expect(records.slice(1)).toEqual(
        expected.map((r) => columns.map((c) => text(r[c.colId as keyof ClickRow]))),
      );
    },
  );

  it.each(['csv', 'xlsx'] as const)(
    "names the account's time zone in the headers of the time columns (%s)",
    async (format) => {
      const db = cache().db;
      const zoneOf = db.prepare(
        'SELECT a.time_zone FROM accounts a JOIN emailings e ON e.account_id = a.id WHERE e.id = ?',
      );
      const account = db.prepare('SELECT account_id FROM emailings WHERE id = ?').pluck().get(cache().synced);
      const before = zoneOf.pluck().get(cache().synced) as string;
      db.prepare('UPDATE accounts SET time_zone = ? WHERE id = ?').run('America/New_York', account);
      try {
        const headers = async (view: 'clicks' | 'links' | 'profiles'): Promise<unknown[]> => {
          const out = join(tempDir(), `${view}-zone.${format}`);
          await exportView(db, request({ view, columns: defaultColumns(view), format, out }));
          if (format === 'csv') return readCsv(out)[0] ?? [];
          const workbook = await readWorkbook(out);
          return (workbook.worksheets[0]?.getRow(1).values as unknown[]).slice(1);
        };
        expect(await headers('clicks')).toContain('Clicked at (America/New_York)');
        expect(await headers('links')).toEqual(
          expect.arrayContaining(['First click (America/New_York)', 'Last click (America/New_York)']),
        );
        expect(await headers('profiles')).toEqual(
          expect.arrayContaining(['First click (America/New_York)', 'Last click (America/New_York)']),
        );
        // Only the time columns: the others keep the grid's header.
        expect(await headers('clicks')).toContain('Link');
      } finally {
        db.prepare('UPDATE accounts SET time_zone = ? WHERE id = ?').run(before, account);
      }
    },
  );

  it('exports the links view as the grid shows it, counts and shares as numbers in xlsx', async () => {
    const out = join(tempDir(), 'links.xlsx');
    const sortModel: SortModel = [{ colId: 'uniqueProfiles', sort: 'asc' }];
    await exportView(
      cache().db,
      request({ view: 'links', columns: defaultColumns('links'), sortModel, format: 'xlsx', out }),
    );
    const links = new SummaryViews(cache().db).links({
      emailingKey: cache().synced,
      sortModel,
      filterModel: {},
    }).rows;
    const sheet = (await readWorkbook(out)).getWorksheet('Links') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      ...defaultColumns('links').map((c) => zoned(c.header)),
    ]);
    expect(sheet.rowCount).toBe(links.length + 1);
    for (const [i, link] of links.entries()) {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(1).value ?? null).toBe(link.linkTitle || null);
      expect(cells.getCell(2).value ?? null).toBe(link.link || null);
      expect(cells.getCell(3).value).toBe(link.clicks);
      expect(cells.getCell(4).value).toBe(link.uniqueProfiles);
      expect(cells.getCell(5).value).toBeCloseTo(link.share, 12);
      expect(cells.getCell(5).numFmt).toBe('0.0%');
      expect(wallClockOf(cells.getCell(6).value)).toBe(link.firstClick);
    }
  });

  it('exports every row of the profiles view in its order, with a filter', async () => {
    const filterModel: FilterModel = {
      clicks: { filterType: 'number', type: 'greaterThanOrEqual', filter: 2 },
    };
    const sortModel: SortModel = [{ colId: 'lastClick', sort: 'desc' }];
    const req = request({ view: 'profiles', columns: defaultColumns('profiles'), sortModel, filterModel });
    await exportView(cache().db, req);
    const views = new SummaryViews(cache().db);
    const expected = views.profilesBlock({
      emailingKey: cache().synced,
      startRow: 0,
      endRow: 1000,
      sortModel,
      filterModel,
    });
    expect(expected.rowCount).toBeGreaterThan(10);
    expect(readCsv(req.out).slice(1)).toEqual(
      expected.rows.map((r) => [r.profile, r.clicks, r.uniqueLinks, r.firstClick, r.lastClick].map(text)),
    );
  });

  it("exports a profile's drill-down across the account's emailings", async () => {
    const profile = edgeClicks()[0]?.profile as number;
    const req = request({
      view: 'profileClicks',
      emailingKey: cache().edge,
      profileId: profile,
      columns: defaultColumns('profileClicks'),
      format: 'xlsx',
      out: join(tempDir(), 'profile.xlsx'),
    });
    await exportView(cache().db, req);
    const expected = new ProfileStore(cache().db).clicks(cache().accountId, profile);
    expect(expected.length).toBeGreaterThan(1);
    const sheet = (await readWorkbook(req.out)).getWorksheet(`Profile ${profile}`) as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(expected.length + 1);
    for (const [i, click] of expected.entries()) {
      expect(sheet.getRow(i + 2).getCell(1).value).toBe(click.emailingId);
      // The product as the screens name it: Publisher and Marketing Suite number emailings apart.
      expect(sheet.getRow(i + 2).getCell(2).value).toBe('Publisher');
      expect(wallClockOf(sheet.getRow(i + 2).getCell(4).value)).toBe(click.timestamp);
      expect(sheet.getRow(i + 2).getCell(7).value).toBe(click.id);
    }
  });

  it('writes the edge cases: formula text stays text in xlsx and is guarded in CSV', async () => {
    // The columns in the API's order, the hidden IDs among them, each with the grid's header.
    const columns = ['id', 'linkId', 'link', 'linkTitle', 'timestamp', 'ip', 'userAgent'].map((colId) => ({
      colId,
      header: '',
    }));
    const xlsx = join(tempDir(), 'edge.xlsx');
    await exportView(cache().db, request({ emailingKey: cache().edge, columns, format: 'xlsx', out: xlsx }));
    const sheet = (await readWorkbook(xlsx)).getWorksheet('Clicks') as ExcelJS.Worksheet;
    const clicks = edgeClicks();
    const grid = [...iterateClickApiRows(cache().db, cache().edge)];
    for (const [i, click] of clicks.entries()) {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(1).value).toBe(click.id);
      expect(cells.getCell(4).value ?? null).toBe(
        // As cached (SQLite keeps a lone surrogate as U+FFFD), with U+FFFD for what XML cannot hold.
        [...(grid[i]?.[3] ?? '')].map((ch) => (ch.charCodeAt(0) > 8 ? ch : '\uFFFD')).join('') || null,
      );
      if (click.linkTitle) expect(cells.getCell(4).type).toBe(ExcelJS.ValueType.String);
      expect(wallClockOf(cells.getCell(5).value)).toBe(click.timestamp);
    }
    const out = join(tempDir(), 'edge.csv');
    await exportView(
      cache().db,
      request({
        emailingKey: cache().edge,
        columns,
        out,
        csv: { delimiter: ';', bom: true, guardFormulas: true },
      }),
    );
    expect(readFileSync(out, 'utf8').startsWith('\uFEFFClick ID;')).toBe(true);
    const records = parse(readFileSync(out, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(records.slice(1).map((r) => r[3])).toEqual(
      grid.map(([, , , title]) => (title && /^[=+\-@\t\r]/.test(title) ? `'${title}` : (title ?? ''))),
    );
    expect(records[1]?.[6]).toBe(`'=HYPERLINK("http://evil")`);
  });
});

describe('exportView of an emailing whose last sync did not finish', () => {
  it('writes every cached row and says in its result what the file lacks', async () => {
    const complete = await exportView(cache().db, request({}));
    expect(complete.warning).toBe(undefined);
    cache()
      .db.prepare('UPDATE sync_state SET run_next_start = 1000 WHERE emailing_id = ?')
      .run(cache().synced);
    try {
      for (const view of ['clicks', 'links', 'profiles'] as const) {
        const result = await exportView(cache().db, request({ view, columns: defaultColumns(view) }));
        expect(result.warning).toBe(
          'The last sync of emailing 42 did not finish; this export holds the 2,500 clicks cached so far.',
        );
      }
      const clicks = await exportView(cache().db, request({}));
      expect(readCsv(clicks.out)).toHaveLength(SYNCED_CLICKS + 1);
    } finally {
      cache()
        .db.prepare('UPDATE sync_state SET run_next_start = NULL WHERE emailing_id = ?')
        .run(cache().synced);
    }
  });
});

describe('exportView: refusals, cancel and failures leave no file', () => {
  const leftovers = (dir: string) => readdirSync(dir);

  it('refuses an emailing that is not cached', async () => {
    const dir = tempDir();
    await expect(
      exportView(cache().db, request({ emailingKey: 9_999, out: join(dir, 'x.csv') })),
    ).rejects.toMatchObject({
      code: 'not_cached',
    });
    const listed = cache()
      .db.prepare(
        `INSERT INTO emailings (account_id, remote_id, subject) VALUES (?, 77, 'listed only') RETURNING id`,
      )
      .get(cache().accountId) as { id: number };
    await expect(
      exportView(cache().db, request({ emailingKey: listed.id, out: join(dir, 'x.csv') })),
    ).rejects.toMatchObject({
      code: 'not_cached',
      message: expect.stringMatching(/emailing 77 are not in the cache/),
    });
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses a column, sort or filter outside the whitelist before writing', async () => {
    const dir = tempDir();
    for (const bad of [
      { columns: [{ colId: 'password', header: 'x' }] },
      { sortModel: [{ colId: 'c.id; DROP TABLE clicks', sort: 'asc' }] },
      { filterModel: { nope: { filterType: 'text', type: 'contains', filter: 'x' } } },
      { view: 'profileClicks' },
    ] as Partial<ExportViewRequest>[]) {
      await expect(
        exportView(cache().db, request({ ...bad, out: join(dir, 'x.csv') })),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    expect(leftovers(dir)).toEqual([]);
  });

  it('stops on cancel with a clear error, leaves no file, and keeps an existing one intact', async () => {
    const dir = tempDir();
    const out = join(dir, 'clicks.xlsx');
    writeFileSync(out, 'the previous export');
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      exportView(cache().db, request({ format: 'xlsx', out }), {
        signal: controller.signal,
        onProgress: ({ rows, total }) => {
          seen.push(rows);
          expect(total).toBe(SYNCED_CLICKS);
          controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen).toEqual([2_000]);
    expect(leftovers(dir)).toEqual(['clicks.xlsx']);
    expect(readFileSync(out, 'utf8')).toBe('the previous export');
  });

  it('refuses to start when already cancelled', async () => {
    const dir = tempDir();
    const signal = AbortSignal.abort();
    await expect(
      exportView(cache().db, request({ out: join(dir, 'c.csv') }), { signal }),
    ).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(leftovers(dir)).toEqual([]);
  });

  it('cancels mid-export at the next check and closes its SQLite iterator', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    let reports = 0;
    const done = exportView(cache().db, request({ format: 'csv', out: join(dir, 'c.csv') }), {
      signal: controller.signal,
      onProgress: () => reports++,
    });
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'cancelled' });
    expect(reports).toBe(1);
    expect(leftovers(dir)).toEqual([]);
    // The connection is free again: the iterator was closed.
    expect(
      new ClicksView(cache().db).block({
        emailingKey: cache().synced,
        startRow: 0,
        endRow: 1,
        sortModel: [],
        filterModel: {},
      }).rowCount,
    ).toBe(SYNCED_CLICKS);
  });

  it.each([
    [
      'a folder that does not exist',
      (dir: string) => join(dir, 'missing', 'x.xlsx'),
      /the folder does not exist/,
    ],
    [
      'a folder that is a file',
      (dir: string) => (writeFileSync(join(dir, 'file'), ''), join(dir, 'file', 'x.xlsx')),
      /Cannot write/,
    ],
  ])('reports %s as io_error', async (_, target, message) => {
    const dir = tempDir();
    const out = target(dir);
    await expect(exportView(cache().db, request({ format: 'xlsx', out }))).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(message),
    });
    expect(existsSync(out)).toBe(false);
  });
});
