import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportReport } from '../../src/backend/export/report';
import { KeyFiguresView } from '../../src/backend/figures/keyFigures';
import { SummaryViews } from '../../src/backend/views/summaryViews';
import { useTempDir } from '../helpers/tempDir';
import { useSeededCache, SYNCED_CLICKS } from './seed';
import { libreOfficeCsv, readWorkbook, sofficeMissing, wallClockOf } from './xlsxReaders';

const tempDir = useTempDir();
const cache = useSeededCache('copernica-report-');

function summaryValues(sheet: ExcelJS.Worksheet): Map<string, unknown> {
  const values = new Map<string, unknown>();
  sheet.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
  return values;
}

/** Every cell of the Summary sheet as text, one line per row. */
function summaryText(workbook: ExcelJS.Workbook): string {
  const lines: string[] = [];
  (workbook.getWorksheet('Summary') as ExcelJS.Worksheet).eachRow((row) =>
    lines.push((row.values as unknown[]).filter((v) => v !== undefined).join('\t')),
  );
  return lines.join('\n');
}

describe('exportReport', () => {
  it('builds Summary, Links, Profiles and Clicks sheets for one emailing', async () => {
    const out = join(tempDir(), 'report.xlsx');
    const result = await exportReport(cache().db, { emailingKey: cache().synced, out });
    const workbook = await readWorkbook(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Links', 'Profiles', 'Clicks']);
    expect(result.sheets).toBe(4);

    const views = new SummaryViews(cache().db);
    const links = views.links({ emailingKey: cache().synced, sortModel: [], filterModel: {} }).rows;
    const profiles = views.profilesBlock({
      emailingKey: cache().synced,
      startRow: 0,
      endRow: 1,
      sortModel: [],
      filterModel: {},
    }).rowCount;

    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const facts = summaryValues(summary);
    expect(facts.get('Account')).toBe('Development');
    expect(facts.get('Emailing')).toBe(42);
    expect(facts.get('Subject')).toBe('Najaarsactie "2024"');
    expect(wallClockOf(facts.get('Sent at (Europe/Amsterdam)'))).toBe('2024-10-26 09:00:00');
    expect(facts.get('Clicks refreshed at (Europe/Amsterdam)')).toBeInstanceOf(Date);
    expect(facts.get('Time zone')).toBe('Europe/Amsterdam');
    expect(facts.get('Total clicks')).toBe(SYNCED_CLICKS);
    expect(facts.get('Unique links')).toBe(links.length);
    const clickers = cache()
      .db.prepare('SELECT COUNT(DISTINCT profile) AS n FROM clicks WHERE emailing_id = ?')
      .get(cache().synced) as { n: number };
    expect(facts.get('Clicking profiles')).toBe(clickers.n);
    expect(summary.getRow(1).getCell(1).font?.bold).toBe(true);
    // Top links: the ten most clicked, below their own bold header row.
    let headerRow = 0;
    summary.eachRow((row, n) => {
      if (row.getCell(1).value === 'Link title') headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    for (const [i, link] of links.slice(0, 10).entries()) {
      const row = summary.getRow(headerRow + 1 + i);
      expect(row.getCell(2).value).toBe(link.link);
      expect(row.getCell(3).value).toBe(link.clicks);
    }

    expect((workbook.getWorksheet('Links') as ExcelJS.Worksheet).rowCount).toBe(links.length + 1);
    expect((workbook.getWorksheet('Profiles') as ExcelJS.Worksheet).rowCount).toBe(profiles + 1);
    const clicks = workbook.getWorksheet('Clicks') as ExcelJS.Worksheet;
    expect(clicks.rowCount).toBe(SYNCED_CLICKS + 1);
    const times: string[] = [];
    // Clicked at is the Clicks sheet's first column, as it is the grid's.
    expect(clicks.getRow(1).getCell(1).value).toBe('Clicked at (Europe/Amsterdam)');
    clicks.eachRow((row, n) => {
      if (n > 1) times.push(wallClockOf(row.getCell(1).value));
    });
    expect(times).toEqual([...times].sort());
    expect(result.rows).toBe(summary.rowCount + links.length + profiles + SYNCED_CLICKS);
  });

  it('carries the key figures with their formulas, "—" for what Copernica did not give, and the reconciliation', async () => {
    const out = join(tempDir(), 'figures.xlsx');
    await exportReport(cache().db, { emailingKey: cache().synced, out });
    const summary = (await readWorkbook(out)).getWorksheet('Summary') as ExcelJS.Worksheet;
    const rows = new Map<string, unknown[]>();
    summary.eachRow((row) =>
      rows.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(3).value]),
    );
    const figures = new KeyFiguresView(cache().db).emailingFigures(cache().synced);
    expect(rows.get("Copernica's statistics as of (Europe/Amsterdam)")?.[0]).toBeInstanceOf(Date);
    expect(rows.get('Clicks (Copernica)')).toEqual([SYNCED_CLICKS, null]);
    expect(rows.get('Unique clicks')?.[0]).toBe(figures.copernica?.clicks.unique);
    expect(rows.get('Delivered')).toEqual([
      figures.copernica?.delivered,
      'deliveries.total, else destinations − unique errors',
    ]);
    expect(rows.get('Open rate')).toEqual([
      figures.rates.openRate,
      'Open rate = unique impressions ÷ delivered',
    ]);
    expect(figures.rates.openRate).toBeGreaterThan(0);
    // The seeded cache is synced over v2, which sends no dominant results.
    expect(rows.get('Copernica CTR')).toEqual([
      '—',
      'Copernica CTR = dominant clicks ÷ (dominant impressions + dominant clicks)',
    ]);
    expect(rows.get('Unique clickers')).toEqual([
      figures.cache.uniqueClickers,
      'distinct destinations that clicked',
    ]);
    expect(rows.get('Unique link clicks')?.[0]).toBe(figures.cache.uniqueLinkClicks);
    expect(rows.get('Reconciliation')?.[0]).toBe('Complete: the cache holds every click Copernica counts.');
  });

  it('says in bold on its Summary, under the title, when the last sync did not finish', async () => {
    const complete = join(tempDir(), 'complete.xlsx');
    expect((await exportReport(cache().db, { emailingKey: cache().synced, out: complete })).warning).toBe(
      undefined,
    );
    expect(summaryText(await readWorkbook(complete))).not.toMatch(/incomplete|did not finish/i);

    // A sync killed after 1,000 clicks: its run is still open.
    const runNextStart = cache()
      .db.prepare('SELECT run_next_start FROM sync_state WHERE emailing_id = ?')
      .pluck()
      .get(cache().synced);
    cache()
      .db.prepare('UPDATE sync_state SET run_next_start = 1000 WHERE emailing_id = ?')
      .run(cache().synced);
    try {
      const out = join(tempDir(), 'incomplete.xlsx');
      const result = await exportReport(cache().db, { emailingKey: cache().synced, out });
      expect(result.warning).toMatch(/^The last sync of emailing 42 did not finish/);
      const summary = (await readWorkbook(out)).getWorksheet('Summary') as ExcelJS.Worksheet;
      const line = summary.getRow(2);
      expect(line.getCell(1).value).toBe('Incomplete data');
      expect(line.getCell(2).value).toBe(
        `The last sync of emailing 42 did not finish; this export holds the 2,500 clicks cached so far. ` +
          'Sync the emailing again for the full report.',
      );
      expect(line.getCell(1).font?.bold).toBe(true);
      expect(line.getCell(2).font?.bold).toBe(true);
      expect(summaryValues(summary).get('Total clicks')).toBe(SYNCED_CLICKS);
    } finally {
      cache()
        .db.prepare('UPDATE sync_state SET run_next_start = ? WHERE emailing_id = ?')
        .run(runNextStart, cache().synced);
    }
  });

  it('splits its Clicks sheet when it is longer than a sheet may be', async () => {
    const out = join(tempDir(), 'report.xlsx');
    await exportReport(cache().db, { emailingKey: cache().synced, out }, { rowsPerSheet: 1_000 });
    const workbook = await readWorkbook(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Links',
      'Profiles',
      'Clicks',
      'Clicks (2)',
      'Clicks (3)',
    ]);
    const rows = workbook.worksheets.slice(3).reduce((sum, s) => sum + s.rowCount - 1, 0);
    expect(rows).toBe(SYNCED_CLICKS);
  });

  it.skipIf(sofficeMissing)('opens in LibreOffice with the summary as the app shows it', () => {
    const out = join(tempDir(), 'report.xlsx');
    return exportReport(cache().db, { emailingKey: cache().synced, out }).then(() => {
      const [summary, , , clicks] = libreOfficeCsv(out, [
        'Summary',
        'Links',
        'Profiles',
        'Clicks',
      ]) as string[];
      expect(summary).toContain('Sent at (Europe/Amsterdam),2024-10-26 09:00:00');
      expect(summary).toContain(`Total clicks,"${SYNCED_CLICKS.toLocaleString('en-US')}"`);
      expect((parse(clicks as string) as string[][]).length).toBe(SYNCED_CLICKS + 1);
    });
  });
});

if (sofficeMissing) console.warn('LibreOffice (soffice) is not installed: the report is not opened in it.');
