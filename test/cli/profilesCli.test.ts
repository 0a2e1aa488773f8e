/**
 * Who clicked, from the command line: `sync --profiles` fetches the clicking profiles' fields,
 * `export --profile-fields` adds them as columns, `export --no-personal-data` leaves them (and
 * IP addresses, user agents, referers) out: the files are read back and grepped.
 */
import Database from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { useTempDir } from '../helpers/tempDir';
import { readWorkbook } from '../export/xlsxReaders';
import type { RowFormat } from '../../src/backend/fakeApi/data';

const TOKEN = 'cli-token';
const FORMAT: RowFormat = { userAgentKey: 'useragent', numbersAsStrings: true };
const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: [TOKEN],
  emailings: [{ id: 800, subject: 'Wie klikte', clicks: 1500 }],
});

let dbPath: string;
let syncRun: Awaited<ReturnType<typeof runCli>>;
let removedId: number;
let clickers: number[];
let ips: string[];

const env = { LC_ALL: 'en_US.UTF-8', COPERNICA_TOKEN: TOKEN };
const exportArgs = (...more: string[]) => [
  'export',
  '--emailing',
  '800',
  '--db',
  dbPath,
  '--no-bom',
  ...more,
];

let cacheDir: string;
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

beforeAll(async () => {
  // Not tempDir(): that one is emptied after each test, and the cache serves them all.
  cacheDir = mkdtempSync(join(tmpdir(), 'copernica-profiles-cli-'));
  dbPath = join(cacheDir, 'cache.db');
  // One clicker is removed at Copernica before the fetch: its fields come back empty.
  const profilesOfClicks = fake()
    .clicksOf(800)
    .map((c) => Number(c.profile));
  removedId = Math.min(...profilesOfClicks);
  fake().removeProfile(removedId);
  syncRun = await runCli(
    ['sync', '--base-url', fake().url, '--emailing', '800', '--db', dbPath, '--profiles'],
    env,
  );
  const db = new Database(dbPath, { readonly: true });
  clickers = db
    .prepare('SELECT DISTINCT profile FROM clicks WHERE profile IS NOT NULL')
    .pluck()
    .all() as number[];
  ips = db.prepare('SELECT DISTINCT ip FROM clicks WHERE ip IS NOT NULL').pluck().all() as string[];
  db.close();
}, 60_000);

describe('npm run cli -- sync --profiles, export --profile-fields, --no-personal-data', () => {
  it('sync --profiles fetches every clicking profile and says in how many requests', () => {
    expect(syncRun.code).toBe(0);
    const summary = /(\d[\d,]*) clicking profiles fetched in (\d+) requests \(1 removed at Copernica\)/.exec(
      syncRun.stdout,
    );
    expect(summary, syncRun.stdout).not.toBeNull();
    const fetched = Number(summary![1]!.replace(/,/g, ''));
    const requests = Number(summary![2]);
    console.log(`CLI: ${fetched} clicking profiles and subprofiles in ${requests} requests`);
    expect(fetched).toBeGreaterThanOrEqual(clickers.length);
    expect(requests * 10).toBeLessThanOrEqual(fetched);
  });

  it('export --view clicks --profile-fields adds the fields by the database names; removed shows (removed)', async () => {
    const out = join(tempDir(), 'clicks.csv');
    const run = await runCli(exportArgs('--profile-fields', 'email,FirstName', '--out', out), env);
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = parse(readFileSync(out, 'utf8')) as string[][];
    expect(header!.slice(-2)).toEqual(['email', 'firstname']);
    const profileAt = header!.indexOf('profile');
    for (const row of rows) {
      const id = Number(row[profileAt]);
      const expected = fake().database().profileJson(id, FORMAT);
      const fields = expected.fields as Record<string, string>;
      expect(row.slice(-2)).toEqual(
        id === removedId ? ['(removed)', '(removed)'] : [fields.email, fields.firstname],
      );
    }
  });

  it('export --view profiles --profile-fields adds them to the profiles view', async () => {
    const out = join(tempDir(), 'profiles.csv');
    const run = await runCli(
      exportArgs('--view', 'profiles', '--profile-fields', 'company,email', '--out', out),
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = parse(readFileSync(out, 'utf8')) as string[][];
    expect(header![0]).toBe('Profile');
    expect(header!.slice(-2)).toEqual(['company', 'email']);
    expect(rows).toHaveLength(clickers.length);
    const some = rows.find((r) => Number(r[0]) !== removedId)!;
    const fields = fake().database().profileJson(Number(some[0]), FORMAT).fields as Record<string, string>;
    expect(some.slice(-2)).toEqual([fields.company, fields.email]);
  });

  it('refuses a field the database does not have, naming the ones it has', async () => {
    const run = await runCli(
      exportArgs('--profile-fields', 'shoesize', '--out', join(tempDir(), 'x.csv')),
      env,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /no field "shoesize"; its fields are firstname, lastname, email, company, city/,
    );
  });

  it('export --no-personal-data writes no e-mail address or IP of any clicking profile, only their IDs', async () => {
    const emails = clickers
      .filter((id) => id !== removedId)
      .map((id) => (fake().database().profileJson(id, FORMAT).fields as Record<string, string>).email!);
    expect(emails.length).toBeGreaterThan(100);
    for (const view of ['clicks', 'profiles']) {
      const out = join(tempDir(), `${view}-private.csv`);
      const run = await runCli(exportArgs('--view', view, '--no-personal-data', '--out', out), env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/personal data left out/);
      const text = readFileSync(out, 'utf8');
      for (const email of emails) expect(text.includes(email), `${view}: ${email}`).toBe(false);
      for (const ip of ips) expect(text.includes(ip), `${view}: ${ip}`).toBe(false);
      const [header] = parse(text) as string[][];
      expect(header).not.toContain('useragent');
      expect(header).not.toContain('referer');
      // The IDs stay, so the client can look them up in their own Copernica.
      for (const id of clickers.slice(0, 20)) expect(text).toContain(String(id));
    }
  });

  it('the report --no-personal-data says so on its Summary and holds no IP', async () => {
    const out = join(tempDir(), 'report.xlsx');
    const run = await runCli(exportArgs('--view', 'report', '--no-personal-data', '--out', out), env);
    expect(run.code, run.stderr).toBe(0);
    const book = await readWorkbook(out);
    const cells: string[] = [];
    book.eachSheet((sheet: ExcelJS.Worksheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))),
    );
    expect(cells).toContain('Personal data');
    expect(cells.some((c) => c.startsWith('Left out: no profile fields, IP addresses'))).toBe(true);
    const ipSet = new Set(ips);
    expect(cells.filter((c) => ipSet.has(c))).toEqual([]);
  });

  it('--profile-fields and --no-personal-data exclude each other', async () => {
    const run = await runCli(
      exportArgs('--profile-fields', 'email', '--no-personal-data', '--out', join(tempDir(), 'y.csv')),
      env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exclude each other/);
  });
});
