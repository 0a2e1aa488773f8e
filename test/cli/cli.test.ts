import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['cli-token'],
  emailings: [
    { id: 700, subject: 'Najaarsactie', clicks: 2345 },
    { id: 701, subject: 'Kleine', clicks: 12 },
  ],
});

const syncArgs = (db: string, ...more: string[]) => [
  'sync',
  '--base-url',
  fake().url,
  '--emailing',
  '700',
  '--db',
  db,
  ...more,
];

function fileState(path: string): string {
  return existsSync(path)
    ? `${statSync(path).size}:${readFileSync(path).toString('base64').slice(0, 2000)}`
    : 'absent';
}

describe('npm run cli -- sync', () => {
  it('fills the cache, prints one summary line on stdout and exits 0', async () => {
    const db = join(tempDir(), 'cache.db');
    const run = await runCli([...syncArgs(db, '--emailing', '701'), '--token', 'cli-token']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^Synced 2 emailings of "Development": 2,357 new clicks/);
    expect(run.stderr).toContain('Syncing emailing 700');
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) AS n FROM clicks').get()).toEqual({ n: 2357 });
    check.close();
  });

  it('says in its summary line how many clicks were refused as invalid (IDs of 0, no time)', async () => {
    const db = join(tempDir(), 'cache.db');
    fake().inject({
      kind: 'rows',
      path: /emailing\/701\/clicks$/,
      rowEdits: [
        { row: 0, fields: { ID: '0' } },
        { row: 1, fields: { timestamp: null } },
      ],
    });
    const run = await runCli(syncArgs(db, '--emailing', '701', '--token', 'cli-token'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 2,355 new clicks \(2,357 read in \d+ requests; 2 refused as invalid/);
  });

  it('takes the token from COPERNICA_TOKEN, and a second run adds nothing', async () => {
    const db = join(tempDir(), 'cache.db');
    expect((await runCli(syncArgs(db), { COPERNICA_TOKEN: 'cli-token' })).code).toBe(0);
    const again = await runCli(syncArgs(db), { COPERNICA_TOKEN: 'cli-token' });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: 0 new clicks/);
  });

  it.each([
    ['a bad token', ['--token', 'nope'], /Invalid access token/],
    ['an unknown emailing', ['--token', 'cli-token', '--emailing', '99999'], /Emailing 99999 does not exist/],
  ])(
    'fails on %s with the API message on one stderr line, exit 1, and leaves the cache as it was',
    async (_, extra, message) => {
      const dir = tempDir();
      const db = join(dir, 'cache.db');
      expect((await runCli([...syncArgs(db), '--token', 'cli-token'])).code).toBe(0);
      const before = fileState(db);
      const run = await runCli([...syncArgs(db), ...extra]);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(run.stderr).not.toContain('cli-token');
      expect(fileState(db)).toBe(before);
    },
  );

  it('fails on an unreachable host after its retries, without creating a cache', async () => {
    const db = join(tempDir(), 'cache.db');
    const run = await runCli([
      'sync',
      '--base-url',
      'http://127.0.0.1:9/v2',
      '--token',
      'secret-xyz',
      '--emailing',
      '1',
      '--db',
      db,
      '--retries',
      '1',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^copernica-clicks: Could not reach 127\.0\.0\.1:9/);
    expect(run.stderr).not.toContain('secret-xyz');
    expect(existsSync(db)).toBe(false);
  });

  it.each([
    [['sync', '--emailing', '1'], /access token/],
    [['sync', '--token', 't'], /at least one emailing/],
    [['sync', '--token', 't', '--emailing', 'abc'], /"abc" is not an emailing ID/],
    [['sync', '--token', 't', '--emailing', '1', '--base-url', 'ftp://x'], /http/],
    [['sync', '--token', 't', '--emailing', '1', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['launch'], /Unknown command "launch"/],
  ])('rejects bad arguments %j with usage and exit 2', async (args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage:');
  });
});

describe('npm run cli -- export --format csv', () => {
  // The CLI writes CSV with the app's defaults (a UTF-8 BOM and the formula guard, so the file
  // opens right in Excel); the header text after the BOM is unchanged. --no-bom and
  // --no-formula-guard give the bytes a script may want: the exact API values.
  it('writes the cached clicks with the twelve API field names, timestamps as sent, RFC 4180 quoting and nulls as empty fields', async () => {
    const dir = tempDir();
    const db = join(dir, 'cache.db');
    expect((await runCli([...syncArgs(db), '--token', 'cli-token'])).code).toBe(0);
    const out = join(dir, 'clicks.csv');
    const run = await runCli(
      [
        'export',
        '--emailing',
        '700',
        '--format',
        'csv',
        '--out',
        out,
        '--db',
        db,
        '--no-bom',
        '--no-formula-guard',
      ],
      { LC_ALL: 'en_US.UTF-8' },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Exported 2,345 clicks of emailing 700/);

    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'ID,link_id,link,link_title,timestamp,ip,useragent,referer,emailing,destination,profile,subprofile,bot,bot_reasons',
    );
    const records = parse(text, { columns: true, relax_quotes: false }) as Record<string, string>[];
    const server = fake().clicksOf(700);
    expect(records).toHaveLength(server.length);
    for (const [i, click] of server.entries()) {
      const record = records[i] as Record<string, string>;
      // The twelve API fields; the verdict's two follow them.
      for (const field of Object.keys(record).slice(0, 12)) {
        const value = field === 'useragent' ? (click.useragent ?? click['user-agent']) : click[field];
        expect(record[field], `${field} of click ${click.ID}`).toBe(value === null ? '' : String(value));
      }
    }
    // The fake's link titles and user agents carry commas, quotes and non-ASCII text.
    expect(text).toMatch(/"[^"\r\n]*,[^"\r\n]*"/);
  });

  it('by default adds a BOM before the same header and guards text that starts like a formula', async () => {
    const dir = tempDir();
    const db = join(dir, 'cache.db');
    expect((await runCli([...syncArgs(db), '--token', 'cli-token'])).code).toBe(0);
    const out = join(dir, 'clicks.csv');
    const run = await runCli(['export', '--emailing', '700', '--out', out, '--db', db], {
      LC_ALL: 'en_US.UTF-8',
    });
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFID,link_id,link,link_title,timestamp,ip,useragent,referer,emailing,destination,profile,subprofile,bot,bot_reasons',
    );
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const server = fake().clicksOf(700);
    const titles = records.map((r) => r.link_title);
    expect(titles).toEqual(
      server.map((c) =>
        /^[=+\-@\t\r]/.test(String(c.link_title ?? '')) ? `'${c.link_title}` : (c.link_title ?? ''),
      ),
    );
    expect(titles).toContain("'=Bekijk nu");
    expect(records.map((r) => r.ID)).toEqual(server.map((c) => String(c.ID)));
  });

  it("takes the delimiter from the user's locale (a semicolon in Dutch) unless --delimiter is given", async () => {
    const dir = tempDir();
    const db = join(dir, 'cache.db');
    expect((await runCli([...syncArgs(db), '--token', 'cli-token'])).code).toBe(0);
    const dutch = join(dir, 'nl.csv');
    expect(
      (await runCli(['export', '--emailing', '700', '--out', dutch, '--db', db], { LC_ALL: 'nl_NL.UTF-8' }))
        .code,
    ).toBe(0);
    expect(readFileSync(dutch, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFID;link_id;link;/);
    const comma = join(dir, 'comma.csv');
    const run = await runCli(
      ['export', '--emailing', '700', '--out', comma, '--db', db, '--delimiter', ','],
      {
        LC_ALL: 'nl_NL.UTF-8',
      },
    );
    expect(run.code).toBe(0);
    expect(readFileSync(comma, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFID,link_id,link,/);
  });

  it('refuses an emailing that is not cached, and writes no file', async () => {
    const dir = tempDir();
    const db = join(dir, 'cache.db');
    expect((await runCli([...syncArgs(db), '--token', 'cli-token'])).code).toBe(0);
    const out = join(dir, 'missing.csv');
    const run = await runCli(['export', '--emailing', '4242', '--format', 'csv', '--out', out, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/Emailing 4242 is not in the cache/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv') || f.includes('partial'))).toEqual([]);
  });

  it('reports a path that cannot be written and leaves nothing behind', async () => {
    const dir = tempDir();
    const db = join(dir, 'cache.db');
    expect((await runCli([...syncArgs(db), '--token', 'cli-token'])).code).toBe(0);
    const out = join(dir, 'no-such-folder', 'clicks.csv');
    const run = await runCli(['export', '--emailing', '700', '--format', 'csv', '--out', out, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/Cannot write .*clicks\.csv: the folder does not exist/);
    expect(readdirSync(dir)).not.toContain('no-such-folder');
  });
});
