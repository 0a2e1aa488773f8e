import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';
import { type SeededCache, seedCache, SYNCED_CLICKS } from './seed';
import { readWorkbook, wallClockOf } from './xlsxReaders';

const tempDir = useTempDir();
let cacheDir: string;
let cache: SeededCache;
const env = { LC_ALL: 'en_US.UTF-8' };

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'copernica-cli-export-'));
  cache = await seedCache(join(cacheDir, 'cache.db'));
  await cache.close();
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const exportArgs = (...more: string[]) => ['export', '--emailing', '42', '--db', cache.path, ...more];

describe('npm run cli -- export', () => {
  it('writes the clicks as xlsx with the API field names, date cells and numbers', async () => {
    const out = join(tempDir(), 'clicks.xlsx');
    const run = await runCli(exportArgs('--format', 'xlsx', '--out', out), env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Exported 2,500 clicks of emailing 42 to ${out} on 1 sheet\n`);
    const sheet = (await readWorkbook(out)).getWorksheet('Clicks') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      ...'ID,link_id,link,link_title,timestamp,ip,useragent,referer,emailing,destination,profile,subprofile,bot,bot_reasons'.split(
        ',',
      ),
    ]);
    expect(sheet.rowCount).toBe(SYNCED_CLICKS + 1);
    const first = sheet.getRow(2);
    expect(typeof first.getCell(1).value).toBe('number');
    expect(wallClockOf(first.getCell(5).value)).toMatch(/^2024-10-26 09:/);
    expect(first.getCell(9).value).toBe(42);
  });

  it.each([
    ['links', 'Link title', 41],
    ['profiles', 'Profile', null],
  ] as const)('writes the %s view with the grid headers', async (view, firstHeader, rows) => {
    const out = join(tempDir(), `${view}.csv`);
    const run = await runCli(exportArgs('--view', view, '--out', out, '--no-bom'), env);
    expect(run.code).toBe(0);
    const records = parse(readFileSync(out, 'utf8')) as string[][];
    expect(records[0]?.[0]).toBe(firstHeader);
    if (rows) expect(records).toHaveLength(rows);
    expect(run.stdout).toMatch(new RegExp(`^Exported ${records.length - 1} ${view} of emailing 42`));
  });

  it('writes the client report as xlsx by default', async () => {
    const out = join(tempDir(), 'report.xlsx');
    const run = await runCli(exportArgs('--view', 'report', '--out', out), env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/on 4 sheets\n$/);
    expect((await readWorkbook(out)).worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Links',
      'Profiles',
      'Clicks',
    ]);
  });

  it('writes tab-separated text with --delimiter tab', async () => {
    const out = join(tempDir(), 'clicks.tsv');
    const run = await runCli(
      exportArgs('--view', 'links', '--out', out, '--no-bom', '--delimiter', 'tab'),
      env,
    );
    expect(run.code).toBe(0);
    const records = parse(readFileSync(out, 'utf8'), { delimiter: '\t' }) as string[][];
    expect(records[0]?.[0]).toBe('Link title');
    expect(records[0]?.length).toBeGreaterThan(1);
  });

  it.each([
    [['--view', 'report', '--format', 'csv'], /The report is a workbook; use --format xlsx/],
    [['--view', 'timeline'], /Unknown view "timeline"/],
    [['--format', 'pdf'], /Unknown format "pdf"/],
    [['--delimiter', '|'], /--delimiter takes ',', ';' or tab/],
  ])('rejects %j with usage and exit 2, writing nothing', async (args, message) => {
    const dir = tempDir();
    const run = await runCli(exportArgs(...args, '--out', join(dir, 'x')), env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an emailing that is not in the cache, writing nothing', async () => {
    const dir = tempDir();
    const run = await runCli(
      ['export', '--emailing', '4242', '--db', cache.path, '--out', join(dir, 'x.xlsx'), '--format', 'xlsx'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^copernica-clicks: Emailing 4242 is not in the cache/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('npm run cli -- export of an emailing whose last sync did not finish', () => {
  const REPORTED = 2_345;
  let fake: FakeCopernica;
  let db: string;

  beforeAll(async () => {
    fake = await createFakeCopernica({
      tokens: ['cli-token'],
      emailings: [{ id: 1281, subject: 'Half synced', clicks: REPORTED }],
    });
    db = join(cacheDir, 'half.db');
    // The second page fails and, with no retries, so does the sync: the first page stays cached.
    fake.onRequest = ({ path, query }) => {
      if (path.endsWith('/clicks') && query.get('start') === '1000')
        fake.inject({ kind: 'html503', path: /\/clicks$/ });
    };
  });
  afterAll(() => fake.close());

  const sync = () =>
    runCli(['sync', '--base-url', fake.url, '--emailing', '1281', '--db', db, '--retries', '0'], {
      COPERNICA_TOKEN: 'cli-token',
    });
  const exportHalf = (...more: string[]) =>
    runCli(['export', '--emailing', '1281', '--db', db, ...more], env);

  it('writes what is cached, warns on stderr in one line and exits 0; after a full sync, no warning', async () => {
    const interrupted = await sync();
    expect(interrupted.code).toBe(1);

    const out = join(tempDir(), 'half.csv');
    const run = await exportHalf('--out', out, '--no-bom');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Exported 1,000 clicks of emailing 1281 to ${out}\n`);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('Warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Warning: the last sync of emailing 1281 did not finish; this export holds the 1,000 clicks cached so far of the 2,345 that Copernica reports\. Run sync again to complete it\.$/,
    );
    expect(parse(readFileSync(out, 'utf8'))).toHaveLength(1_000 + 1);

    const report = await exportHalf('--view', 'report', '--out', join(tempDir(), 'half.xlsx'));
    expect(report.code).toBe(0);
    expect(report.stderr).toContain('Warning: the last sync of emailing 1281 did not finish');

    fake.onRequest = undefined;
    expect((await sync()).code).toBe(0);
    const complete = await exportHalf('--out', join(tempDir(), 'whole.csv'));
    expect(complete.code).toBe(0);
    expect(complete.stdout).toMatch(/^Exported 2,345 clicks/);
    expect(complete.stderr).toBe('');
  });

  it('says nothing for an emailing that was synced to the end', async () => {
    const run = await runCli(exportArgs('--out', join(tempDir(), 'complete.csv')), env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
