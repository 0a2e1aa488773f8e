/**
 * The compiled bin as a user meets it: help on the tool and every command, paths from the folder
 * the command ran in (also under `npm run`), and what a sync says while it works: its retries,
 * the zone it applies, the hint for a base URL without its version, plurals.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { runCli, runNpmScript } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['line-token'],
  emailings: [
    { id: 820, subject: 'Eén klik', clicks: 1 },
    { id: 821, subject: 'Meer', clicks: 3000 },
  ],
});
const sync = (db: string, ...more: string[]) =>
  runCli(['sync', '--base-url', fake().url, '--token', 'line-token', '--db', db, ...more]);

describe('help', () => {
  it.each([
    [['--help'], /^Usage: copernica-clicks COMMAND/],
    [['help'], /^Usage: copernica-clicks COMMAND/],
    [['sync', '--help'], /^Usage: copernica-clicks sync --emailing ID/],
    [['export', '-h'], /^Usage: copernica-clicks export --emailing ID/],
    [['fake-api', '--help'], /^Usage: copernica-clicks fake-api \[--port N\]/],
    [['demo', '--help'], /^Usage: copernica-clicks demo/],
    [['sync', '--emailing', 'x', '--help'], /^Usage: copernica-clicks sync/],
  ])('%j prints its help on stdout and exits 0', async (args, start) => {
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(start);
    expect(run.stdout).toContain('--help');
  });

  it('names every command in the tool help, and without a command prints it on stderr, exit 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    for (const command of ['sync', 'export', 'fake-api', 'demo'])
      expect(run.stderr).toMatch(new RegExp(`\\n  ${command} `));
  });
});

describe('paths as the user typed them', () => {
  it('resolves --db against the folder the bin ran in', async () => {
    const dir = tempDir();
    const run = await runCli(
      ['sync', '--base-url', fake().url, '--token', 'line-token', '--emailing', '820', '--db', 'rel.db'],
      {},
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'rel.db'))).toBe(true);
    expect(run.stdout).toContain(`cache ${join(dir, 'rel.db')}`);
  });

  it('resolves --db and --out against the folder npm run was started in, and -s keeps npm silent', async () => {
    const dir = tempDir();
    const npm = (args: string[]) => runNpmScript(process.cwd(), 'cli', args, dir);
    const synced = await npm([
      'sync',
      '--base-url',
      fake().url,
      '--token',
      'line-token',
      '--emailing',
      '820',
      '--db',
      'npm.db',
    ]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(existsSync(join(dir, 'npm.db'))).toBe(true);
    // Only the summary: no "> copernica-clicks@… cli" banner echoing the command and its token.
    expect(synced.stdout.trim().split('\n')).toHaveLength(1);
    expect(synced.stdout).toMatch(/^Synced 1 emailing of "Development": 1 new click \(1 read in 1 request\)/);
    const exported = await npm(['export', '--db', 'npm.db', '--emailing', '820', '--out', 'out.csv']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(join(dir, 'out.csv'))).toBe(true);
  });
});

describe('what a sync says', () => {
  it('shows each retry as it waits, then the summary', async () => {
    const db = join(tempDir(), 'cache.db');
    fake().inject({ kind: 'html503', path: /emailing\/821\/clicks$/, times: 2, retryAfter: '0' });
    const run = await sync(db, '--emailing', '821', '--retries', '3');
    expect(run.code, run.stderr).toBe(0);
    const retries = run.stderr.split('\n').filter((line) => line.includes('retry'));
    expect(retries).toEqual([
      expect.stringMatching(
        /^Copernica is busy: 503 Service Unavailable \(an HTML error page\); retry 1 of 3 in \d+\.\d s$/,
      ),
      expect.stringMatching(
        /^Copernica is busy: 503 Service Unavailable \(an HTML error page\); retry 2 of 3 in \d+\.\d s$/,
      ),
    ]);
    expect(run.stdout).toMatch(
      /^Synced 1 emailing of "Development": 3,000 new clicks \(3,000 read in \d+ requests\)/,
    );
  });

  it('says the base URL lacks its version rather than "nothing at identity"', async () => {
    const base = fake().url.replace(/\/v2$/, '');
    const run = await runCli([
      'sync',
      '--base-url',
      base,
      '--token',
      'line-token',
      '--emailing',
      '820',
      '--db',
      join(tempDir(), 'x.db'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `copernica-clicks: Nothing answers at ${base}/identity (404): the base URL lacks the API version; use ${base}/v2 or ${base}/v3.`,
    );
  });

  it('applies --time-zone to an account already cached, says so, and recomputes the instants', async () => {
    const db = join(tempDir(), 'cache.db');
    expect((await sync(db, '--emailing', '821')).code).toBe(0);
    const instants = () => {
      const check = new Database(db, { readonly: true });
      const rows = check
        .prepare('SELECT ts_local - ts_utc AS offset FROM clicks WHERE ts_utc IS NOT NULL')
        .pluck()
        .all() as number[];
      const zone = check.prepare('SELECT time_zone FROM accounts').pluck().get();
      check.close();
      return { offsets: new Set(rows), zone };
    };
    expect(instants().zone).toBe('Europe/Amsterdam');
    const run = await sync(db, '--emailing', '821', '--time-zone', 'UTC');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `Time zone of "Development" changed from Europe/Amsterdam to UTC; the cached clicks' instants were recomputed.`,
    );
    expect(instants()).toEqual({ offsets: new Set([0]), zone: 'UTC' });
    const again = await sync(db, '--emailing', '821', '--time-zone', 'UTC');
    expect(again.stderr).not.toContain('Time zone');
  });
});
