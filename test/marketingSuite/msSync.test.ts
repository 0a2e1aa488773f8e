/**
 * The Publisher sync's tests (test/sync/runSync.test.ts), run on a Marketing Suite emailing: its
 * clicks come from `ms/emailing/$id/clicks`, filtered by `begintime` instead of `fields[]`, with
 * the emailing under `mailing` and no link_id, link_title or referer.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../src/shared/contract';
import { CopernicaClient } from '../../src/backend/copernica/client';
import type { Click, Page } from '../../src/backend/copernica/types';
import { openDatabase } from '../../src/backend/db/open';
import type { FakeCopernica } from '../../src/backend/fakeApi/server';
import type { EmailingRef } from '../../src/backend/sync/runSync';
import { cachedClicks, serverClicks } from '../helpers/cacheContents';
import { msServerClicks, productEmailingKey } from '../helpers/productContents';
import { formatWallClock, parseWallClock } from '../../src/shared/wallClock';
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
    emailings: [{ id: 501, subject: 'Publisher 501', clicks: 1200 }],
    msEmailings: [
      { id: 501, subject: 'Drag and drop – crème brûlée', clicks: 4321 },
      { id: 502, subject: 'Second', clicks: 250 },
    ],
  }));
});

afterEach(() => closeFakeAndCache({ fake, db }));

const client = (token = TOKEN): CopernicaClient => instantClient(fake.url, token);

const ms = (id: number): EmailingRef => ({ product: 'ms', id });

const sync = (refs: EmailingRef[], options: SyncRunOptions & { source?: CopernicaClient } = {}) =>
  planAndRunSync(db, options.source ?? client(), fake.url, refs, options);

const key = (id: number): number => productEmailingKey(db, id, 'ms');

function clickRequests(emailingId: number) {
  return fake.requests.filter((r) => r.path.includes(`/ms/emailing/${emailingId}/clicks`));
}

describe('Marketing Suite sync', () => {
  it('fetches every click of a new emailing, exactly as the server has them, links keyed by URL', async () => {
    const result = await sync([ms(501), ms(502)]);
    expect(result.emailings.map((e) => [e.emailingId, e.inserted, e.cachedRows, e.incremental])).toEqual([
      [501, 4321, 4321, false],
      [502, 250, 250, false],
    ]);
    expect(cachedClicks(db, key(501))).toEqual(msServerClicks(fake, 501));
    expect(cachedClicks(db, key(502))).toEqual(msServerClicks(fake, 502));
    expect(
      db.prepare("SELECT subject FROM emailings WHERE product = 'ms' AND remote_id = 501").get(),
    ).toEqual({
      subject: 'Drag and drop – crème brûlée',
    });
    // One link row per URL, none with an ID or title.
    const links = db
      .prepare(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT url) AS urls, COUNT(link_id) AS ids, COUNT(title) AS titles FROM links WHERE emailing_id = ?',
      )
      .get(key(501));
    const urls = new Set(fake.clicksOf(501, 'ms').map((c) => c.link)).size;
    expect(links).toEqual({ n: urls, urls, ids: 0, titles: 0 });
  });

  it('keeps Publisher emailing 501 and Marketing Suite emailing 501 apart', async () => {
    await sync([501, ms(501)]);
    const rows = db.prepare('SELECT product, subject FROM emailings ORDER BY product').all();
    expect(rows).toEqual([
      { product: 'ms', subject: 'Drag and drop – crème brûlée' },
      { product: 'publisher', subject: 'Publisher 501' },
    ]);
    expect(cachedClicks(db, productEmailingKey(db, 501, 'publisher'))).toEqual(serverClicks(fake, 501));
    expect(cachedClicks(db, key(501))).toEqual(msServerClicks(fake, 501));
    // Publisher's calls are those of before; Marketing Suite's go to ms/.
    expect(fake.requests.filter((r) => r.path.includes('/publisher/emailing/501/clicks')).length).toBe(2);
    expect(clickRequests(501).length).toBe(5);
  });

  it('pages with start/limit 1000, asks for the total only once, and sends no fields[]', async () => {
    await sync([ms(501)]);
    const pages = clickRequests(501);
    expect(pages.map((r) => r.query.get('start'))).toEqual(['0', '1000', '2000', '3000', '4000']);
    expect(pages.every((r) => r.query.get('limit') === '1000')).toBe(true);
    expect(pages.filter((r) => r.query.get('total') !== 'false')).toHaveLength(1);
    expect(pages.every((r) => r.query.getAll('fields[]').length === 0 && !r.query.has('begintime'))).toBe(
      true,
    );
  });

  it('changes nothing when it runs twice in a row', async () => {
    await sync([ms(501)]);
    const before = cachedClicks(db, key(501));
    const again = await sync([ms(501)]);
    expect(again.emailings[0]).toMatchObject({ inserted: 0, incremental: true, cachedRows: 4321 });
    expect(cachedClicks(db, key(501))).toEqual(before);
  });

  it('asks from one second before the watermark (begintime), and neither loses nor doubles clicks in the watermark second', async () => {
    await sync([ms(501)]);
    const last = msServerClicks(fake, 501).at(-1)?.[4] as string;
    const inWatermarkSecond = msServerClicks(fake, 501).filter((c) => c[4] === last).length;
    // New clicks in the very second of the watermark, and later ones.
    fake.appendClicks(501, 3, { timestamp: last, product: 'ms' });
    fake.appendClicks(501, 5, { product: 'ms' });
    fake.resetStats();
    const result = await sync([ms(501)]);
    const first = clickRequests(501)[0];
    expect(first?.query.get('begintime')).toBe(formatWallClock((parseWallClock(last) as number) - 1));
    expect(first?.query.getAll('fields[]')).toEqual([]);
    // The old clicks of that second came again and were dropped as repeats.
    expect(result.emailings[0]).toMatchObject({ inserted: 8, cachedRows: 4329 });
    expect(result.emailings[0]?.fetched).toBeGreaterThanOrEqual(8 + inWatermarkSecond);
    expect(cachedClicks(db, key(501))).toEqual(msServerClicks(fake, 501));
  });

  it('ends with the server set when clicks are appended while it runs', async () => {
    fake.onRequest = (info) => {
      if (info.path.includes('/ms/emailing/501/clicks') && info.query.get('start') === '2000')
        fake.appendClicks(501, 700, { product: 'ms' });
    };
    await sync([ms(501)]);
    fake.onRequest = undefined;
    await sync([ms(501)]);
    expect(cachedClicks(db, key(501))).toEqual(msServerClicks(fake, 501));
  });

  it('rides out temporary faults mid-sync: HTML 503/504/502 pages, resets, truncated bodies, 429', async () => {
    for (const kind of ['html503', 'html504', 'html502', 'reset', 'truncate', 'status429'] as const) {
      fake.inject({
        kind,
        path: /ms\/emailing\/501\/clicks/,
        retryAfter: kind === 'status429' ? '1' : undefined,
      });
    }
    fake.inject({ kind: 'truncate', path: /ms\/emailing\/501\/clicks/, chunked: true });
    const patient = new CopernicaClient({
      baseUrl: fake.url,
      token: TOKEN,
      sleep: instantSleep,
      maxAttempts: 8,
    });
    await sync([ms(501)], { source: patient });
    const answers = clickRequests(501).map((r) => r.status);
    expect(answers.slice(0, 8)).toEqual([503, 504, 502, 0, 200, 429, 200, 200]);
    expect(cachedClicks(db, key(501))).toEqual(msServerClicks(fake, 501));
  });

  it('records a permanent failure on the emailing and keeps what it had', async () => {
    await sync([ms(502)]);
    fake.inject({ kind: 'json400', path: /clicks/, message: 'Something is wrong with this emailing' });
    await expect(sync([ms(502)])).rejects.toMatchObject({ code: 'api_error' });
    expect(db.prepare('SELECT last_error_code FROM sync_state').get()).toEqual({
      last_error_code: 'api_error',
    });
    expect(cachedClicks(db, key(502))).toEqual(msServerClicks(fake, 502));
  });

  it('writes nothing at all for a bad token or an unknown emailing, and names the product', async () => {
    await expect(sync([ms(501)], { source: client('wrong') })).rejects.toMatchObject({
      code: 'invalid_token',
    });
    await expect(sync([ms(501), ms(999)])).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('Marketing Suite emailing 999'),
    });
    for (const table of ['accounts', 'emailings', 'clicks', 'sync_state']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });

  it('reports progress with the total, ending in done', async () => {
    const events: SyncProgress[] = [];
    await sync([ms(501)], { onProgress: (p) => events.push(p) });
    const fetching = events.filter((e) => e.phase === 'fetching');
    expect(fetching.map((e) => e.rows)).toEqual([1000, 2000, 3000, 4000, 4321]);
    expect(events.at(-1)).toMatchObject({ phase: 'done', rows: 4321, pages: 5 });
  });

  it('can be cancelled, and the next run resumes where the cancelled one stopped', async () => {
    const controller = new AbortController();
    fake.onRequest = (info) => {
      if (info.path.includes('/clicks') && info.query.get('start') === '3000') controller.abort();
    };
    await expect(sync([ms(501)], { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    fake.onRequest = undefined;
    const partial = db
      .prepare('SELECT rows, run_next_start AS next FROM sync_state WHERE emailing_id = ?')
      .get(key(501)) as { rows: number; next: number };
    expect([2000, 3000]).toContain(partial.next);
    expect(partial.rows).toBe(partial.next);
    fake.resetStats();
    const resumed = await sync([ms(501)]);
    expect(resumed.emailings[0]).toMatchObject({ resumed: true, inserted: 4321 - partial.rows });
    expect(cachedClicks(db, key(501))).toEqual(msServerClicks(fake, 501));
  });

  it('resumes after a crash at any page: what was committed stays, and the end state is the server set', async () => {
    for (const crashAt of [0, 1, 2, 4]) {
      db.close();
      db = openDatabase(':memory:');
      const real = client();
      let pages = 0;
      const crashing = Object.assign(Object.create(real) as CopernicaClient, {
        msClicksPage: async (
          id: number,
          q: Parameters<CopernicaClient['msClicksPage']>[1],
          s?: AbortSignal,
        ): Promise<Page<Click>> => {
          if (pages++ >= crashAt) throw new Error('process killed');
          return real.msClicksPage(id, q, s);
        },
      });
      await expect(sync([ms(501)], { source: crashing })).rejects.toBeTruthy();
      expect(cachedClicks(db, key(501))).toHaveLength(Math.min(4321, crashAt * 1000));
      await sync([ms(501)]);
      expect(cachedClicks(db, key(501))).toEqual(msServerClicks(fake, 501));
    }
  });
});
