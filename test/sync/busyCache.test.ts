/**
 * Two programs on one cache file: the app and the CLI from cron, or two CLI runs. Writing
 * transactions are IMMEDIATE, so each waits the busy timeout for the other's page instead of
 * failing at once; a lock held past the timeout is the retryable 'busy' error, never a raw
 * SqliteError, and the sync's failure path does not wait the timeout a second time.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { BUSY_MESSAGE } from '../../src/backend/db/busy';
import { openDatabase } from '../../src/backend/db/open';
import { writeTransaction } from '../../src/backend/db/writeTransaction';
import { type ClicksSource, syncEmailingClicks } from '../../src/backend/sync/syncEmailingClicks';
import { cachedClicks, emailingKeyOf, serverClicks } from '../helpers/cacheContents';
import { runCli } from '../helpers/runCli';
import { summariesAndAggregates } from '../helpers/summaryAggregates';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { useTempDir } from '../helpers/tempDir';
import { seedEmailing } from '../helpers/seedEmailing';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['busy-token'],
  emailings: [
    { id: 501, clicks: 15_000 },
    { id: 502, clicks: 15_000 },
    { id: 503, clicks: 3000 },
  ],
  latencyMs: 2,
});

it('two CLI syncs of different emailings into one file at once both finish, each with its exact set', async () => {
  const path = join(tempDir(), 'shared.db');
  const sync = (id: number) =>
    runCli([
      'sync',
      '--base-url',
      fake().url,
      '--token',
      'busy-token',
      '--emailing',
      String(id),
      '--db',
      path,
    ]);
  // The second starts while the first is committing pages, as cron's CLI does beside the app:
  // its own first transactions then meet a lock that is taken most of the time.
  let second: ReturnType<typeof sync> | undefined;
  const started = new Promise<void>((resolve) => {
    fake().onRequest = (info) => {
      if (info.path.includes('/emailing/501/') && info.query.get('start') === '3000' && !second) {
        second = sync(502);
        resolve();
      }
    };
  });
  const first = sync(501);
  await started;
  const runs = await Promise.all([first, second as ReturnType<typeof sync>]);
  fake().onRequest = undefined;
  for (const run of runs) {
    expect(run.stderr).not.toMatch(/SqliteError|busy|unexpected/i);
    expect(run.code).toBe(0);
  }

  const check = new Database(path, { readonly: true });
  try {
    for (const id of [501, 502]) {
      const key = emailingKeyOf(check, id);
      expect(cachedClicks(check, key)).toEqual(serverClicks(fake(), id));
      const { summaries, aggregates } = summariesAndAggregates(check, key);
      expect(summaries).toEqual(aggregates);
    }
  } finally {
    check.close();
  }
}, 120_000);

function emailingIn(db: Database.Database, id: number): number {
  return seedEmailing(db, fake().url, id);
}

it('a write lock held elsewhere past the busy timeout fails the sync as "busy", after waiting once', async () => {
  const path = join(tempDir(), 'locked.db');
  const db = openDatabase(path);
  const other = new Database(path);
  try {
    const key = emailingIn(db, 503);
    const timeoutMs = 400;
    db.pragma(`busy_timeout = ${timeoutMs}`);
    const client = new CopernicaClient({ baseUrl: fake().url, token: 'busy-token' });
    // The other program takes the lock while the sync waits for its second page, as the app
    // committing a page of its own would.
    const source: ClicksSource = {
      async clicksPage(id, query, signal) {
        const page = await client.clicksPage(id, query, signal);
        if (query.start === 1000 && !other.inTransaction) other.exec('BEGIN IMMEDIATE');
        return page;
      },
    };
    const started = performance.now();
    const failure = await syncEmailingClicks({
      db,
      source,
      emailingKey: key,
      emailingId: 503,
      timeZone: 'UTC',
      pagesInFlight: 1,
    }).catch((error: unknown) => error);
    const waited = performance.now() - started;
    expect(failure).toMatchObject({ name: 'AppError', code: 'busy', message: BUSY_MESSAGE });
    expect(waited).toBeGreaterThanOrEqual(timeoutMs);
    // One wait, not a second one in the failure path.
    expect(waited).toBeLessThan(2 * timeoutMs + 1000);

    other.exec('ROLLBACK');
    // Once the other program has committed, the same sync resumes and finishes.
    await syncEmailingClicks({ db, source: client, emailingKey: key, emailingId: 503, timeZone: 'UTC' });
    expect(cachedClicks(db, key)).toEqual(serverClicks(fake(), 503));
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    db.close();
  }
});

it('every write transaction turns a lock held past the timeout into the "busy" error', () => {
  const path = join(tempDir(), 'held.db');
  const db = openDatabase(path);
  const other = new Database(path);
  try {
    db.pragma('busy_timeout = 100');
    other.exec('BEGIN IMMEDIATE');
    expect(() => writeTransaction(db, () => db.prepare(`UPDATE accounts SET label = 'x'`).run())).toThrow(
      expect.objectContaining({ name: 'AppError', code: 'busy' }),
    );
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    db.close();
  }
});
