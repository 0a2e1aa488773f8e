/**
 * The CLI with Marketing Suite emailings (`--ms-emailing`, repeatable, beside `--emailing`), the
 * REST version from the base URL's last segment, and v4's JWT endpoint from `--auth-url`.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedClicks } from '../helpers/cacheContents';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { msServerClicks, productEmailingKey } from '../helpers/productContents';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const TOKEN = 'cli-ms-token-4411';
const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: [TOKEN],
  emailings: [{ id: 810, subject: 'Publisher 810', clicks: 900 }],
  msEmailings: [
    { id: 810, subject: 'Marketing Suite 810', clicks: 12_345 },
    { id: 811, subject: 'Small', clicks: 40 },
  ],
  latencyMs: 5,
});

const v4 = (): string => fake().url.replace(/\/v2$/, '/v4');

function cacheOf(db: string, id: number): (string | null)[][] {
  const check = new Database(db, { readonly: true });
  try {
    return cachedClicks(check, productEmailingKey(check, id, 'ms'));
  } finally {
    check.close();
  }
}

describe('npm run cli -- sync/export with Marketing Suite emailings', () => {
  it('syncs Publisher and Marketing Suite emailings of the same ID over v4, with no token in any URL', async () => {
    const db = join(tempDir(), 'cache.db');
    fake().resetStats();
    const run = await runCli([
      'sync',
      '--base-url',
      v4(),
      '--auth-url',
      fake().authUrl,
      '--token',
      TOKEN,
      '--emailing',
      '810',
      '--ms-emailing',
      '810',
      '--ms-emailing',
      '811',
      '--db',
      db,
    ]);
    expect(run.stderr).not.toContain('unexpected');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Synced 3 emailings of "Development": 13,285 new clicks/);
    expect(run.stdout).toContain('810: 900, Marketing Suite 810: 12,345, Marketing Suite 811: 40');
    expect(cacheOf(db, 810)).toEqual(msServerClicks(fake(), 810));
    expect(fake().requests.filter((r) => r.path === '/authenticate')).toHaveLength(1);
    for (const r of fake().requests) expect(`${r.path}?${r.query.toString()}`).not.toContain(TOKEN);

    const out = join(tempDir(), 'ms.csv');
    const exported = await runCli([
      'export',
      '--ms-emailing',
      '811',
      '--format',
      'csv',
      '--delimiter',
      ',',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('of Marketing Suite emailing 811');
    const rows = parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(40);
    // No link_id, title or referer in Marketing Suite: empty cells, the emailing from `mailing`.
    expect(
      rows.every((r) => r.link_id === '' && r.link_title === '' && r.referer === '' && r.emailing === '811'),
    ).toBe(true);
  });

  it('says which product an unknown emailing was looked for in', async () => {
    const db = join(tempDir(), 'cache.db');
    const run = await runCli([
      'sync',
      '--base-url',
      fake().url,
      '--token',
      TOKEN,
      '--ms-emailing',
      '999',
      '--db',
      db,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Marketing Suite emailing 999 does not exist');
    const usage = await runCli(['sync', '--token', TOKEN, '--ms-emailing', 'abc']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('"abc" is not an emailing ID');
  });

  it('a Marketing Suite sync SIGKILLed at several moments resumes each time and ends with exactly the server set', async () => {
    const db = join(tempDir(), 'cache.db');
    const args = ['sync', '--base-url', fake().url, '--token', TOKEN, '--ms-emailing', '810', '--db', db];
    let lastRows = 0;
    for (const killAt of [3000, 7000, 11000]) {
      const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
          stdio: 'ignore',
        });
        fake().onRequest = (info) => {
          if (info.path.endsWith('/ms/emailing/810/clicks') && info.query.get('start') === String(killAt))
            child.kill('SIGKILL');
        };
        child.once('error', reject);
        child.once('exit', (_code, sig) => {
          fake().onRequest = undefined;
          resolve(sig);
        });
      });
      expect(signal).toBe('SIGKILL');
      const check = new Database(db, { readonly: true });
      const state = check.prepare('SELECT rows, run_next_start AS next FROM sync_state').get() as {
        rows: number;
        next: number | null;
      };
      check.close();
      expect(state.next).not.toBeNull();
      expect(state.rows).toBeGreaterThanOrEqual(lastRows);
      lastRows = state.rows;
    }
    expect(lastRows).toBeGreaterThan(0);
    fake().resetStats();
    expect((await runCli(args)).code).toBe(0);
    const first = fake().requests.find((r) => r.path.endsWith('/ms/emailing/810/clicks'));
    expect(Number(first?.query.get('start'))).toBe(lastRows);
    expect(cacheOf(db, 810)).toEqual(msServerClicks(fake(), 810));
  });
});
