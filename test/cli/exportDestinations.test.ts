/**
 * `export --out` handled with care: an existing file is replaced only with --force (keeping its
 * mode), a symbolic link or anything that is not a regular file never, `-` is standard output, a
 * folder gets a named file, several emailings go into a folder, and an emailing ID that two
 * accounts of one cache share needs --account.
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['out-token'],
  emailings: [
    { id: 810, subject: 'Eén', clicks: 120 },
    { id: 811, subject: 'Twee', clicks: 1 },
  ],
});
const plain = ['--no-bom', '--no-formula-guard', '--delimiter', ','];
let db = '';

// One cache for the file, in a folder of its own (useTempDir's are emptied after each test).
beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'copernica-destinations-')), 'cache.db');
  const run = await runCli([
    ...['sync', '--base-url', fake().url, '--token', 'out-token', '--db', db],
    ...['--emailing', '810', '--emailing', '811'],
  ]);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

const exportTo = (out: string, ...more: string[]) =>
  runCli(['export', '--db', db, '--emailing', '810', '--out', out, ...plain, ...more]);

function ids(csv: string): string[] {
  return (parse(csv, { columns: true }) as { ID: string }[]).map((r) => r.ID);
}

describe('export --out', () => {
  it('refuses to overwrite an existing file without --force, leaving it as it was', async () => {
    const out = join(tempDir(), 'clicks.csv');
    writeFileSync(out, 'mine\n');
    const run = await exportTo(out);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`copernica-clicks: ${out} exists; add --force to replace it.`);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
  });

  it('with --force replaces it and keeps its mode (0600 stays 0600)', async () => {
    const dir = tempDir();
    const out = join(dir, 'clicks.csv');
    writeFileSync(out, 'mine\n');
    chmodSync(out, 0o600);
    const run = await exportTo(out, '--force');
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(ids(readFileSync(out, 'utf8'))).toEqual(
      fake()
        .clicksOf(810)
        .map((c) => String(c.ID)),
    );
    expect(readdirSync(dir)).toEqual(['clicks.csv']);
  });

  it('never replaces a symbolic link, even with --force, nor the file it points to', async () => {
    const dir = tempDir();
    const target = join(dir, 'real.csv');
    writeFileSync(target, 'mine\n');
    const link = join(dir, 'link.csv');
    symlinkSync(target, link);
    for (const force of [[], ['--force']]) {
      const run = await exportTo(link, ...force);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/is a symbolic link; the export never replaces one/);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(target);
      expect(readFileSync(target, 'utf8')).toBe('mine\n');
    }
  });

  it('never replaces what is not a regular file (/dev/null stays a device)', async () => {
    const run = await exportTo('/dev/null', '--force');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\/dev\/null is not a regular file .* use --out - for standard output/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('writes to standard output with --out -, the summary on stderr, no file named "-"', async () => {
    const dir = tempDir();
    const run = await runCli(
      ['export', '--db', db, '--emailing', '810', '--out', '-', ...plain],
      {},
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(ids(run.stdout)).toEqual(
      fake()
        .clicksOf(810)
        .map((c) => String(c.ID)),
    );
    expect(run.stderr.trim()).toBe('Exported 120 clicks of emailing 810 to standard output');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes a named file into a folder, and says "1 click"', async () => {
    const dir = tempDir();
    const run = await runCli(['export', '--db', db, '--emailing', '811', '--out', dir, ...plain]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['clicks-811.csv']);
    expect(run.stdout.trim()).toBe(`Exported 1 click of emailing 811 to ${join(dir, 'clicks-811.csv')}`);
  });

  it('exports each of several --emailing into the folder, and refuses them into one file', async () => {
    const dir = tempDir();
    const run = await runCli([
      ...['export', '--db', db, '--emailing', '810', '--emailing', '811', '--view', 'links'],
      ...['--out', dir, ...plain],
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['links-810.csv', 'links-811.csv']);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);

    const file = join(tempDir(), 'both.csv');
    const refused = await runCli([
      'export',
      '--db',
      db,
      '--emailing',
      '810',
      '--emailing',
      '811',
      '--out',
      file,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/2 emailings are exported into a folder: give --out FOLDER\./);
  });

  it('says why a folder cannot take the named file when that name is a folder itself', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'clicks-810.csv'));
    const run = await exportTo(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/clicks-810\.csv is a folder; name the file to write with --out FILE/);
  });
});

describe('export of an emailing ID that two accounts of the cache share', () => {
  it('lists the candidates, and --account LABEL or ID picks one', async () => {
    const dir = tempDir();
    const shared = join(dir, 'shared.db');
    // The same Copernica account under /v2 and /v3 is two accounts of the cache.
    for (const base of [fake().url, fake().url.replace(/\/v2$/, '/v3')]) {
      const run = await runCli([
        'sync',
        '--base-url',
        base,
        '--token',
        'out-token',
        '--db',
        shared,
        '--emailing',
        '810',
      ]);
      expect(run.code, run.stderr).toBe(0);
    }
    const edit = new Database(shared);
    edit.prepare(`UPDATE accounts SET label = 'Klant B' WHERE id = 2`).run();
    edit.close();

    const out = join(dir, 'clicks.csv');
    const ambiguous = await runCli(['export', '--db', shared, '--emailing', '810', '--out', out]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr.trim()).toBe(
      'copernica-clicks: Emailing 810 is in 2 accounts of the cache: "Development" (account 1, 120 clicks), ' +
        '"Klant B" (account 2, 120 clicks); choose one with --account LABEL or --account ID.',
    );
    expect(readdirSync(dir)).not.toContain('clicks.csv');

    // Emailing 810 of the one account named, to `to`.
    const exportOf = (account: string, to: string, ...more: string[]) =>
      runCli(['export', '--db', shared, '--emailing', '810', '--account', account, '--out', to, ...more]);
    for (const account of ['Klant B', '2', 'Development']) {
      const run = await exportOf(account, '-', ...plain);
      expect(run.code, run.stderr).toBe(0);
      expect(ids(run.stdout)).toHaveLength(120);
    }
    const unknown = await exportOf('Klant C', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /not cached for an account "Klant C"; it is cached for "Development" \(account 1/,
    );
  });
});
