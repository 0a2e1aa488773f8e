import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../src/shared/contract';
import { CopernicaClient } from '../../src/backend/copernica/client';
import type { Click, Page } from '../../src/backend/copernica/types';
import { openDatabase } from '../../src/backend/db/open';
import type { FakeCopernica } from '../../src/backend/fakeApi/server';
import { cachedClicks, emailingKeyOf, serverClicks } from '../helpers/cacheContents';
import {
  closeFakeAndCache,
  instantClient,
  instantSleep,
  openFakeAndCache,
  planAndRunSync,
  type SyncRunOptions,
} from '../helpers/syncFixture';

const TOKEN = 'test-token';
let fake: FakeCopernica;
let db: Database.Database;

beforeEach(async () => {
  ({ fake, db } = await openFakeAndCache({
    tokens: [TOKEN],
    emailings: [
      { id: 501, subject: 'Zomeractie – crème brûlée', clicks: 4321 },
      { id: 502, subject: 'Second', clicks: 250 },
    ],
  }));
});

afterEach(() => closeFakeAndCache({ fake, db }));

const client = (token = TOKEN): CopernicaClient => instantClient(fake.url, token);

const sync = (ids: number[], options: SyncRunOptions & { source?: CopernicaClient } = {}) =>
  planAndRunSync(db, options.source ?? client(), fake.url, ids, options);

function clickRequests(emailingId: number) {
  return fake.requests.filter((r) => r.path.includes(`/publisher/emailing/${emailingId}/clicks`));
}

describe('sync', () => {
  it('fetches every click of a new emailing, exactly as the server has them', async () => {
    const result = await sync([501, 502]);
    expect(result.accountLabel).toBe('Development');
    expect(result.emailings.map((e) => [e.emailingId, e.inserted, e.cachedRows, e.incremental])).toEqual([
      [501, 4321, 4321, false],
      [502, 250, 250, false],
    ]);
    expect(cachedClicks(db, emailingKeyOf(db, 501))).toEqual(serverClicks(fake, 501));
    expect(cachedClicks(db, emailingKeyOf(db, 502))).toEqual(serverClicks(fake, 502));
    const subject = db.prepare('SELECT subject FROM emailings WHERE remote_id = 501').get() as {
      subject: string;
    };
    expect(subject.subject).toBe('Zomeractie – crème brûlée');
  });

  it('pages with start/limit 1000 and asks for the total only once', async () => {
    await sync([501]);
    const pages = clickRequests(501);
    expect(pages.map((r) => r.query.get('start'))).toEqual(['0', '1000', '2000', '3000', '4000']);
    expect(pages.every((r) => r.query.get('limit') === '1000')).toBe(true);
    expect(pages.filter((r) => r.query.get('total') !== 'false')).toHaveLength(1);
  });

  it('changes nothing when it runs twice in a row', async () => {
    await sync([501]);
    const before = cachedClicks(db, emailingKeyOf(db, 501));
    const again = await sync([501]);
    expect(again.emailings[0]).toMatchObject({ inserted: 0, incremental: true, cachedRows: 4321 });
    expect(cachedClicks(db, emailingKeyOf(db, 501))).toEqual(before);
  });

  it('asks only for clicks from the watermark second on, and neither loses nor doubles clicks sharing that second', async () => {
    await sync([501]);
    const last = serverClicks(fake, 501).at(-1)?.[4] as string;
    // New clicks in the very second of the watermark, and later ones.
    fake.appendClicks(501, 3, { timestamp: last });
    fake.appendClicks(501, 5);
    fake.resetStats();
    const result = await sync([501]);
    expect(clickRequests(501)[0]?.query.getAll('fields[]')).toEqual([`timestamp>=${last}`]);
    expect(result.emailings[0]).toMatchObject({ inserted: 8, cachedRows: 4329 });
    expect(cachedClicks(db, emailingKeyOf(db, 501))).toEqual(serverClicks(fake, 501));
  });

  it('ends with the server set when clicks are appended while it runs', async () => {
    fake.onRequest = (info) => {
      if (info.path.includes('/clicks') && info.query.get('start') === '2000') fake.appendClicks(501, 700);
    };
    await sync([501]);
    fake.onRequest = undefined;
    await sync([501]);
    expect(cachedClicks(db, emailingKeyOf(db, 501))).toEqual(serverClicks(fake, 501));
  });

  it('rides out temporary faults mid-sync: HTML 503/504/502 pages, resets, truncated bodies, 429', async () => {
    // All six in a row on one page request: the seventh attempt gets through.
    for (const kind of ['html503', 'html504', 'html502', 'reset', 'truncate', 'status429'] as const) {
      fake.inject({ kind, path: /clicks/, retryAfter: kind === 'status429' ? '1' : undefined });
    }
    const patient = new CopernicaClient({
      baseUrl: fake.url,
      token: TOKEN,
      sleep: instantSleep,
      maxAttempts: 7,
    });
    await sync([501], { source: patient });
    const clickAnswers = fake.requests.filter((r) => r.path.includes('/clicks')).map((r) => r.status);
    expect(clickAnswers.slice(0, 7)).toEqual([503, 504, 502, 0, 200, 429, 200]);
    expect(cachedClicks(db, emailingKeyOf(db, 501))).toEqual(serverClicks(fake, 501));
  });

  it('records a permanent failure on the emailing and keeps what it had', async () => {
    await sync([502]);
    fake.inject({ kind: 'json400', path: /clicks/, message: 'Something is wrong with this emailing' });
    await expect(sync([502])).rejects.toMatchObject({ code: 'api_error' });
    const state = db.prepare('SELECT last_error, last_error_code FROM sync_state').get() as Record<
      string,
      string
    >;
    expect(state).toEqual({
      last_error: expect.stringContaining('Something is wrong with this emailing'),
      last_error_code: 'api_error',
    });
    expect(cachedClicks(db, emailingKeyOf(db, 502))).toEqual(serverClicks(fake, 502));
  });

  it('writes nothing at all for a bad token or an unknown emailing', async () => {
    await expect(sync([501], { source: client('wrong') })).rejects.toMatchObject({
      code: 'invalid_token',
      message: expect.stringContaining('Invalid access token'),
    });
    await expect(sync([501, 999])).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('999'),
    });
    for (const table of ['accounts', 'emailings', 'clicks', 'sync_state']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });

  it('marks the account when Copernica rejects its token in the middle of a sync', async () => {
    fake.inject({ kind: 'json400', path: /clicks/, message: 'Invalid access token' });
    await expect(sync([502])).rejects.toMatchObject({ code: 'invalid_token' });
    expect(db.prepare('SELECT token_status FROM accounts').get()).toEqual({ token_status: 'rejected' });
  });

  it('reports progress with the total, ending in done', async () => {
    const events: SyncProgress[] = [];
    await sync([501], { onProgress: (p) => events.push(p) });
    expect(events[0]).toMatchObject({ phase: 'starting', emailingId: 501 });
    const fetching = events.filter((e) => e.phase === 'fetching');
    expect(fetching.map((e) => e.rows)).toEqual([1000, 2000, 3000, 4000, 4321]);
    expect(fetching.every((e) => e.total === 4321)).toBe(true);
    expect(events.at(-1)).toMatchObject({ phase: 'done', rows: 4321, pages: 5 });
  });

  it('can be cancelled, and the next run resumes where the cancelled one stopped', async () => {
    const controller = new AbortController();
    fake.onRequest = (info) => {
      if (info.path.includes('/clicks') && info.query.get('start') === '3000') controller.abort();
    };
    await expect(sync([501], { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    fake.onRequest = undefined;
    const key = emailingKeyOf(db, 501);
    const partial = db
      .prepare('SELECT rows, run_next_start AS next FROM sync_state WHERE emailing_id = ?')
      .get(key) as {
      rows: number;
      next: number;
    };
    // Cancelled while pages 2000 and 3000 were in flight: what was committed and the resume
    // point agree, whichever of the two had arrived.
    expect([2000, 3000]).toContain(partial.next);
    expect(partial.rows).toBe(partial.next);
    expect(cachedClicks(db, key)).toHaveLength(partial.rows);

    fake.resetStats();
    const resumed = await sync([501]);
    expect(resumed.emailings[0]).toMatchObject({ resumed: true, inserted: 4321 - partial.rows });
    // The first request of a run is the one that asks for the total. (A request the cancelled
    // run had already sent may still reach the server after the reset: it is not counted.)
    const firstOfRun = clickRequests(501).find((r) => r.query.get('total') !== 'false');
    expect(firstOfRun?.query.get('start')).toBe(String(partial.next));
    expect(cachedClicks(db, key)).toEqual(serverClicks(fake, 501));
  });

  it('resumes after a crash at any page: what was committed stays, and the end state is the server set', async () => {
    for (const crashAt of [0, 1, 2, 4]) {
      db.close();
      db = openDatabase(':memory:');
      const real = client();
      let pages = 0;
      // A source that dies (as a killed process would) after `crashAt` pages were delivered.
      const crashing = Object.assign(Object.create(real) as CopernicaClient, {
        clicksPage: async (
          id: number,
          q: Parameters<CopernicaClient['clicksPage']>[1],
          s?: AbortSignal,
        ): Promise<Page<Click>> => {
          if (pages++ >= crashAt) throw new Error('process killed');
          return real.clicksPage(id, q, s);
        },
      });
      await expect(sync([501], { source: crashing })).rejects.toBeTruthy();
      const key = emailingKeyOf(db, 501);
      expect(cachedClicks(db, key)).toHaveLength(Math.min(4321, crashAt * 1000));
      await sync([501]);
      expect(cachedClicks(db, key)).toEqual(serverClicks(fake, 501));
    }
  });
});
