import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { cachedClicks, emailingKeyOf, serverClicks } from '../helpers/cacheContents';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
let fake: FakeCopernica;

beforeAll(async () => {
  fake = await createFakeCopernica({
    tokens: ['kill-token'],
    emailings: [{ id: 800, clicks: 12_345 }],
    latencyMs: 5,
  });
});
afterAll(() => fake.close());

/** The CLI's arguments for a sync of emailing 800 into `db`: the killed run and the one resuming it. */
const syncArgs = (db: string): string[] => [
  'sync',
  '--base-url',
  fake.url,
  '--token',
  'kill-token',
  '--emailing',
  '800',
  '--db',
  db,
];

/** Starts a CLI sync and SIGKILLs it the moment the server sees the clicks request at `killAtStart`. */
function syncKilledAt(db: string, killAtStart: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...syncArgs(db)], {
      stdio: 'ignore',
    });
    fake.onRequest = (info) => {
      if (info.path.endsWith('/clicks') && info.query.get('start') === String(killAtStart))
        child.kill('SIGKILL');
    };
    child.once('error', reject);
    child.once('exit', (_code, signal) => {
      fake.onRequest = undefined;
      resolve(signal);
    });
  });
}

function progress(db: string): { rows: number; next: number | null; cached: number } {
  const check = new Database(db, { readonly: true });
  try {
    const state = check.prepare('SELECT rows, run_next_start AS next FROM sync_state').get() as {
      rows: number;
      next: number | null;
    };
    const cached = (check.prepare('SELECT COUNT(*) AS n FROM clicks').get() as { n: number }).n;
    return { ...state, cached };
  } finally {
    check.close();
  }
}

it('a sync SIGKILLed at several moments resumes each time and ends with exactly the server set', async () => {
  const db = join(tempDir(), 'cache.db');
  let lastRows = 0;
  for (const killAt of [3000, 7000, 11000]) {
    expect(await syncKilledAt(db, killAt)).toBe('SIGKILL');
    const state = progress(db);
    // Killed mid-run: some pages are committed, the run is marked unfinished, and the rows
    // counted agree with the clicks stored.
    expect(state.next).not.toBeNull();
    expect(state.rows).toBe(state.cached);
    expect(state.rows).toBeGreaterThanOrEqual(lastRows);
    expect(state.rows).toBeLessThan(12_345);
    lastRows = state.rows;
  }
  expect(lastRows).toBeGreaterThan(0);

  fake.resetStats();
  const finish = await runCli(syncArgs(db));
  expect(finish.code).toBe(0);
  // The resumed run started where the killed one had committed, not from zero.
  const first = fake.requests.find((r) => r.path.endsWith('/clicks'));
  expect(Number(first?.query.get('start'))).toBe(lastRows);

  const check = new Database(db, { readonly: true });
  expect(cachedClicks(check, emailingKeyOf(check, 800))).toEqual(serverClicks(fake, 800));
  expect(check.prepare('SELECT run_next_start, last_error FROM sync_state').get()).toEqual({
    run_next_start: null,
    last_error: null,
  });
  check.close();
});
