import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../export/xlsxReaders';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';
import { pdfText, popplerMissing } from '../report/pdfReaders';
import { formatFigure, formatRate } from '../../src/shared/figures/rates';
import type { EmailingFigures } from '../../src/shared/schemas/figures';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['cli-token'],
  emailings: [
    { id: 810, subject: 'Nieuwsbrief week 1', clicks: 600, sentAt: '2024-05-06 07:00:00' },
    { id: 811, subject: 'Nieuwsbrief week 2', clicks: 400, sentAt: '2024-05-13 07:00:00' },
  ],
});

let cacheDir: string;
let db: string;
beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'copernica-report-cli-'));
  db = join(cacheDir, 'cache.db');
  const sync = await runCli(
    ['sync', '--base-url', fake().url, '--emailing', '810', '--emailing', '811', '--db', db],
    { COPERNICA_TOKEN: 'cli-token' },
  );
  expect(sync.code, sync.stderr).toBe(0);
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('npm run cli -- report', () => {
  it.skipIf(popplerMissing)(
    'writes the PDF of one emailing, in the language and number format asked, for the days asked',
    async () => {
      const out = join(tempDir(), 'report.pdf');
      const run = await runCli([
        'report',
        '--emailing',
        '810',
        '--format',
        'pdf',
        '--language',
        'nl',
        '--locale',
        'nl-NL',
        '--days',
        '7',
        '--db',
        db,
        '--out',
        out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(`Wrote the report of emailing 810 to ${out}\n`);
      const text = pdfText(out, { layout: true });
      expect(text).toContain('Klikrapport: Nieuwsbrief week 1');
      expect(text).toContain('De eerste 7 dagen na verzending.');
      expect(text).toMatch(/Pagina 1 van \d/);
    },
  );

  it.skipIf(popplerMissing)(
    'prints every key figure and rate exactly as figures --json gives them, in nl-NL',
    async () => {
      const json = await runCli(['figures', '--emailing', '811', '--json', '--db', db]);
      expect(json.code, json.stderr).toBe(0);
      const figures = JSON.parse(json.stdout) as EmailingFigures;
      expect(figures.copernica).not.toBeNull();
      const out = join(tempDir(), 'figures.pdf');
      const run = await runCli([
        'report',
        '--emailing',
        '811',
        '--format',
        'pdf',
        '--language',
        'en',
        '--locale',
        'nl-NL',
        '--db',
        db,
        '--out',
        out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const text = pdfText(out, { layout: true });
      const { copernica: c, cache: k, rates: r } = figures;
      const locale = 'nl-NL';
      const expected: [string, string][] = [
        ['Destinations', formatFigure(c!.destinations, locale)],
        ['Delivered ¹', formatFigure(c!.delivered, locale)],
        ['Opened \\(unique\\)', formatFigure(c!.impressions.unique, locale)],
        ['Clicked \\(unique\\)', formatFigure(c!.clicks.unique, locale)],
        ['Errors', formatFigure(c!.errors, locale)],
        ['Unsubscribes', formatFigure(c!.unsubscribes, locale)],
        ['Complaints', formatFigure(c!.abuses, locale)],
        ['Open rate ²', formatRate(r.openRate, locale)],
        ['Click rate ³', formatRate(r.clickRate, locale)],
        ['Click-to-open rate ⁴', formatRate(r.clickToOpenRate, locale)],
        ['Copernica CTR ⁵', formatRate(r.copernicaCtr, locale)],
        ['Clicks', formatFigure(k.clicks, locale)],
        ['Unique clickers ⁶', formatFigure(k.uniqueClickers, locale)],
        ['Unique link clicks ⁷', formatFigure(k.uniqueLinkClicks, locale)],
      ];
      for (const [label, value] of expected)
        expect(new RegExp(`^\\s*${label}\\s+(\\S+)\\s*$`, 'm').exec(text)?.[1], label).toBe(value);
      expect(r.openRate).not.toBeNull();
    },
  );

  it('writes the comparison of several emailings as xlsx and CSV', async () => {
    const xlsx = join(tempDir(), 'comparison.xlsx');
    const run = await runCli([
      'report',
      '--emailing',
      '810',
      '--emailing',
      '811',
      '--format',
      'xlsx',
      '--language',
      'en',
      '--db',
      db,
      '--out',
      xlsx,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Wrote the comparison of emailings 810, 811');
    const sheet = (await readWorkbook(xlsx)).getWorksheet('Key figures')!;
    expect([2, 3].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([810, 811]);
    const csv = join(tempDir(), 'comparison.csv');
    const csvRun = await runCli([
      'report',
      '--emailing',
      '811',
      '--emailing',
      '810',
      '--format',
      'csv',
      '--locale',
      'en-US',
      '--db',
      db,
      '--out',
      csv,
    ]);
    expect(csvRun.code, csvRun.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split(/\r\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^810,/);
  });

  it('refuses bad arguments with exit 2 and an unknown emailing with exit 1, writing nothing', async () => {
    const out = join(tempDir(), 'x.pdf');
    for (const args of [
      ['--emailing', '810', '--format', 'docx'],
      ['--emailing', '810', '--format', 'csv'],
      ['--emailing', '810', '--emailing', '811', '--format', 'pdf', '--days', '7'],
      ['--emailing', '810', '--format', 'pdf', '--from', 'gisteren'],
    ]) {
      const run = await runCli(['report', ...args, '--db', db, '--out', out]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^copernica-clicks: /);
    }
    const unknown = await runCli([
      'report',
      '--emailing',
      '999',
      '--format',
      'pdf',
      '--db',
      db,
      '--out',
      out,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`copernica-clicks: Emailing 999 is not in the cache ${db}; sync it first.\n`);
    expect(existsSync(out)).toBe(false);
  });
});
