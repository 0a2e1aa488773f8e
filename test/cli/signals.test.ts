/**
 * Ctrl-C and SIGTERM reach the process that syncs (the compiled bin, in a terminal): at any
 * moment of a sync it commits the pages it received, says what it kept, exits 130 or 143, and
 * the same command then resumes and ends with exactly the server's clicks.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { runCli } from '../helpers/runCli';
import { runCliInPty } from '../helpers/runInPty';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const CLICKS = 24_000;
const fake = useFakeCopernica({
  tokens: ['signal-token'],
  emailings: [{ id: 900, subject: 'Groot', clicks: CLICKS }],
  latencyMs: 15,
});
afterEach(() => {
  fake().onRequest = undefined;
});

const syncArgs = (db: string) => [
  'sync',
  '--base-url',
  fake().url,
  '--token',
  'signal-token',
  '--emailing',
  '900',
  '--db',
  db,
];

function cachedIds(db: string): number[] {
  const check = new Database(db, { readonly: true });
  try {
    return (check.prepare('SELECT id FROM clicks ORDER BY id').pluck().all() as number[]) ?? [];
  } finally {
    check.close();
  }
}

const number = new Intl.NumberFormat('en-US');

describe.each([
  ['SIGINT, typed as Ctrl-C', 'interrupt', 130],
  ['SIGTERM', 'terminate', 143],
] as const)('%s during a sync', (_, send, exitCode) => {
  it.each([3, 1, 6, 17])(
    'at clicks request %i keeps the committed pages, says so, exits with its code, and resumes exactly',
    async (atRequest) => {
      const db = join(tempDir(), 'cache.db');
      let clicksRequests = 0;
      const run = runCliInPty(syncArgs(db));
      fake().onRequest = (info) => {
        if (info.path.endsWith('/clicks') && ++clicksRequests === atRequest) run[send]();
      };
      const { code, output } = await run.done;
      fake().onRequest = undefined;
      expect(code, output).toBe(exitCode);
      const stopped =
        /(?:^|\n)copernica-clicks: stopped; ([\d,]+)(?: of 24,000)? clicks of emailing 900 kept, run the same command again to resume\.\r?\n/.exec(
          output,
        );
      expect(stopped, output).not.toBeNull();
      const kept = Number((stopped as RegExpExecArray)[1]?.replaceAll(',', ''));
      expect(kept).toBeLessThan(CLICKS);
      expect(cachedIds(db)).toHaveLength(kept);

      const resumed = await runCli(syncArgs(db));
      expect(resumed.code, resumed.stderr).toBe(0);
      if (kept > 0)
        expect(resumed.stderr).toContain(
          `Emailing 900: resuming at ${number.format(kept)} of 24,000 clicks, where the last sync stopped.`,
        );
      expect(resumed.stderr).toContain(`Synced emailing 900: ${number.format(CLICKS - kept)} clicks read.`);
      expect(resumed.stdout).toContain(`(${number.format(CLICKS - kept)} read in`);
      expect(cachedIds(db)).toEqual(
        fake()
          .clicksOf(900)
          .map((click) => Number(click.ID)),
      );
    },
  );

  it('before Copernica answered the token, stops with nothing cached', async () => {
    const db = join(tempDir(), 'cache.db');
    const run = runCliInPty(syncArgs(db));
    fake().onRequest = (info) => {
      if (info.path.endsWith('/identity')) run[send]();
    };
    const { code, output } = await run.done;
    expect(code, output).toBe(exitCode);
    expect(output).toMatch(/copernica-clicks: stopped before anything was fetched\.\r?\n$/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('kill of npm, under npm run', () => {
  it('stops the sync npm started (npm does not pass SIGTERM on), which then resumes exactly', async () => {
    const db = join(tempDir(), 'cache.db');
    const child = spawn('npm', ['run', '-s', 'cli', '--', ...syncArgs(db)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let clicksRequests = 0;
    fake().onRequest = (info) => {
      if (info.path.endsWith('/clicks') && ++clicksRequests === 3) child.kill('SIGTERM');
    };
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The pipes close when every process holding them ended: npm, and the sync it started.
    await Promise.all([
      new Promise((resolve) => child.stdout.once('close', resolve)),
      new Promise((resolve) => child.stderr.once('close', resolve)),
    ]);
    fake().onRequest = undefined;
    expect(stdout).toBe('');
    const stopped = /copernica-clicks: stopped; ([\d,]+) of 24,000 clicks of emailing 900 kept/.exec(stderr);
    expect(stopped, stderr).not.toBeNull();
    const kept = Number((stopped as RegExpExecArray)[1]?.replaceAll(',', ''));
    expect(cachedIds(db)).toHaveLength(kept);
    expect((await runCli(syncArgs(db))).code).toBe(0);
    expect(cachedIds(db)).toEqual(
      fake()
        .clicksOf(900)
        .map((click) => Number(click.ID)),
    );
  });
});
