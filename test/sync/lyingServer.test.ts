/**
 * Issue 7, point 8: a sync must not trust the numbers a server sends. Each test makes the fake
 * lie one way (see src/backend/fakeApi/faults.ts) and checks that the cache still holds exactly
 * what the server really had, that the sync ends, and that refused rows are counted.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { MAX_CLICK_TEXT, TEXT_CUT_MARKER } from '../../src/backend/copernica/parse';
import { EmailingStore } from '../../src/backend/accounts/emailingStore';
import { SyncStateStore } from '../../src/backend/db/syncState';
import type { FakeCopernica } from '../../src/backend/fakeApi/server';
import type { Click } from '../../src/backend/copernica/types';
import {
  type ClicksSource,
  syncEmailingClicks,
  type SyncEmailingClicksResult,
} from '../../src/backend/sync/syncEmailingClicks';
import { type SyncProgress, SyncProgressSchema } from '../../src/shared/contract';
import { cachedClicks, serverClicks } from '../helpers/cacheContents';
import { seedEmailing } from '../helpers/seedEmailing';
import { closeFakeAndCache, openFakeAndCache, runawayGuard } from '../helpers/syncFixture';

const EMAILING = 7;
const CLICKS = 2500;
/** Far more requests than an honest sync of CLICKS clicks needs: past it, the sync runs away. */
const RUNAWAY = 100;

let fake: FakeCopernica;
let db: Database.Database;
let key: number;
let account: number;

beforeEach(async () => {
  ({ fake, db } = await openFakeAndCache({ tokens: ['t'], emailings: [{ id: EMAILING, clicks: CLICKS }] }));
  key = seedEmailing(db, fake.url, EMAILING);
  account = db.prepare('SELECT account_id FROM emailings WHERE id = ?').pluck().get(key) as number;
});
afterEach(() => closeFakeAndCache({ fake, db }));

const clicksPath = /\/clicks$/;

const sampleClick: Click = {
  id: 1,
  linkId: 1,
  link: 'https://example.com/',
  linkTitle: 'Example',
  timestamp: '2024-03-04 09:01:00',
  ip: '192.0.2.1',
  userAgent: 'Mozilla/5.0',
  referer: null,
  emailing: EMAILING,
  destination: 1,
  profile: 1,
  subprofile: null,
};

/** A sync that is cancelled (and so fails the test) if it sends more than RUNAWAY requests. */
async function sync(progress: SyncProgress[] = [], pagesInFlight = 2): Promise<SyncEmailingClicksResult> {
  return syncEmailingClicks({
    db,
    source: new CopernicaClient({ baseUrl: fake.url, token: 't', maxAttempts: 1 }),
    emailingKey: key,
    emailingId: EMAILING,
    timeZone: 'Europe/Amsterdam',
    pageSize: 1000,
    pagesInFlight,
    signal: runawayGuard(fake, RUNAWAY),
    onProgress: (p) => progress.push(p),
  });
}

/** The server's clicks without the ones at these places (0 is the first). */
function serverClicksWithout(...places: number[]): (string | null)[][] {
  return serverClicks(fake, EMAILING).filter((_, i) => !places.includes(i));
}

it('a lying total (larger than the rows that exist) ends at the first empty page', async () => {
  fake.inject({ kind: 'envelope', envelope: { total: 1_000_000_000 }, path: clicksPath, times: Infinity });
  const result = await sync();
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, EMAILING));
  expect(result.fetched).toBe(CLICKS);
  expect(fake.requests.length).toBeLessThanOrEqual(5);
});

it('a lying total with a proxy that ignores start stops when a page brings nothing new', async () => {
  fake.inject({
    kind: 'stuckPage',
    stuckAt: 0,
    envelope: { total: 1_000_000_000 },
    path: clicksPath,
    times: Infinity,
  });
  const result = await sync();
  // Only the first page ever came; it is stored once and the run ends on its repeat.
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, EMAILING).slice(0, 1000));
  expect(result.inserted).toBe(1000);
  expect(fake.requests.length).toBeLessThanOrEqual(4);
});

it('a lying count larger than the page does not skip the rows after it', async () => {
  fake.inject({ kind: 'envelope', envelope: { count: 1500 }, path: clicksPath, times: Infinity });
  await sync();
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, EMAILING));
});

it('a lying count of 0 on a full page does not end the sync early', async () => {
  fake.inject({ kind: 'envelope', envelope: { count: 0 }, path: clicksPath, times: Infinity });
  await sync();
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, EMAILING));
});

it('a lying total smaller than the rows that exist does not end the sync after a full page', async () => {
  fake.inject({ kind: 'envelope', envelope: { total: 1000 }, path: clicksPath, times: Infinity });
  await sync();
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, EMAILING));
});

it('negative counts and totals never reach the progress bar', async () => {
  fake.inject({
    kind: 'envelope',
    envelope: { count: -5, total: -100, start: -3, limit: -1 },
    path: clicksPath,
    times: Infinity,
  });
  const progress: SyncProgress[] = [];
  const result = await sync(progress);
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, EMAILING));
  expect(result.total).toBeNull();
  for (const p of progress) expect(() => SyncProgressSchema.parse(p)).not.toThrow();
  expect(progress.at(-1)).toMatchObject({ phase: 'done', rows: CLICKS, total: null });
});

it('zero, negative and unreadable IDs are refused, counted and reported, never stored', async () => {
  fake.inject({
    kind: 'rows',
    path: clicksPath,
    rowEdits: [
      { row: 0, fields: { ID: '0' } },
      { row: 1, fields: { ID: '-17' } },
      { row: 2, fields: { ID: 'abc' } },
      { row: 3, fields: { profile: '0' } },
      { row: 4, fields: { destination: '-1' } },
      { row: 5, fields: { link_id: '0' } },
      { row: 6, fields: { emailing: 'x' } },
      { row: 7, fields: { subprofile: '-2' } },
    ],
  });
  const progress: SyncProgress[] = [];
  const result = await sync(progress);
  expect(cachedClicks(db, key)).toEqual(serverClicksWithout(0, 1, 2, 3, 4, 5, 6, 7));
  expect(result).toMatchObject({ rejected: 8, fetched: CLICKS, inserted: CLICKS - 8 });
  expect(progress.at(-1)).toMatchObject({ phase: 'done', rejected: 8, rows: CLICKS });
  const stored = db.prepare('SELECT COUNT(*) FROM clicks WHERE id <= 0 OR profile <= 0').pluck().get();
  expect(stored).toBe(0);
  // Kept in the cache for the app's status of the emailing, over every sync.
  expect(new SyncStateStore(db).get(key).rejected).toBe(8);
  const [listed] = new EmailingStore(db).list({ accountId: account }, () => false);
  expect(listed).toMatchObject({ key, rejectedClicks: 8 });
});

it('a click without a timestamp is refused and counted; an unparseable one is kept as sent and never moves the watermark', async () => {
  fake.inject({
    kind: 'rows',
    path: clicksPath,
    rowEdits: [{ row: 0, fields: { timestamp: null } }],
  });
  fake.inject({ kind: 'rows', path: clicksPath, rowEdits: [] });
  // The last page (500 clicks): its last click's time is unparseable but sorts after every real one.
  fake.inject({
    kind: 'rows',
    path: clicksPath,
    rowEdits: [{ row: 499, fields: { timestamp: '9999-99-99 99:99:99' } }],
  });
  // One page at a time, so the faults meet the pages in order.
  const result = await sync([], 1);
  expect(result.rejected).toBe(1);
  const expected = serverClicksWithout(0);
  expected[expected.length - 1]![4] = '9999-99-99 99:99:99';
  expect(cachedClicks(db, key)).toEqual(expected);
  const newestReal = serverClicks(fake, EMAILING)[CLICKS - 2]![4];
  expect(new SyncStateStore(db).get(key).watermark).toBe(newestReal);

  // The next refresh asks only from that time on, not for everything again.
  fake.appendClicks(EMAILING, 3);
  await sync();
  const asked = fake.requests.filter((r) => clicksPath.test(r.path)).map((r) => r.query.get('fields[]'));
  expect(asked[0]).toBe(`timestamp>=${newestReal}`);
});

it('a click time in the far future is kept but does not move the watermark past now', async () => {
  fake.inject({
    kind: 'rows',
    path: clicksPath,
    rowEdits: [{ row: 3, fields: { timestamp: '2999-01-01 00:00:00' } }],
  });
  await sync();
  const watermark = new SyncStateStore(db).get(key).watermark;
  expect(watermark).not.toBe('2999-01-01 00:00:00');
  expect(watermark).toBe(serverClicks(fake, EMAILING)[CLICKS - 1]![4]);
  expect(db.prepare('SELECT COUNT(*) FROM clicks WHERE ts_local IS NOT NULL').pluck().get()).toBe(CLICKS);
});

it('a 1 MB user agent (and referer, link, title, IP) is stored cut at the documented cap, with a marker', async () => {
  const huge = 'A'.repeat(1024 * 1024);
  fake.inject({
    kind: 'rows',
    path: clicksPath,
    rowEdits: [
      { row: 0, fields: { useragent: huge, referer: huge, link: huge, link_title: huge, ip: huge } },
    ],
  });
  await sync();
  const row = cachedClicks(db, key)[0]!;
  const cut = 'A'.repeat(MAX_CLICK_TEXT - TEXT_CUT_MARKER.length) + TEXT_CUT_MARKER;
  // link, title, ip, user agent, referer
  expect([row[2], row[3], row[5], row[6], row[7]]).toEqual([cut, cut, cut, cut, cut]);
  expect(cut.length).toBe(MAX_CLICK_TEXT);
  expect(cachedClicks(db, key).slice(1)).toEqual(serverClicks(fake, EMAILING).slice(1));
});

it('a server that makes up new clicks forever is stopped at the bound, with what it sent kept', async () => {
  const endless: ClicksSource = {
    clicksPage: async (_emailing, { start, limit = 1000 }) => {
      const data = Array.from({ length: limit }, (_, i) => ({
        ...sampleClick,
        id: start + i + 1,
      }));
      return { start, limit, count: limit, total: 1_000_000_000, data, refused: 0 };
    },
  };
  const error = await syncEmailingClicks({
    db,
    source: endless,
    emailingKey: key,
    emailingId: EMAILING,
    timeZone: 'Europe/Amsterdam',
    maxRowsPerRun: 5000,
  }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'bad_response' });
  expect((error as Error).message).toContain('5,000 in one sync and still more');
  expect(db.prepare('SELECT COUNT(*) FROM clicks').pluck().get()).toBe(5000);
});

it('a 100 MB page fails the sync with bad_response and keeps the pages committed before it', async () => {
  fake.inject({ kind: 'rows', path: clicksPath, rowEdits: [] });
  fake.inject({ kind: 'hugeBody', bytes: 100 * 1024 * 1024, path: clicksPath });
  const error = await sync([], 1).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'bad_response' });
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, EMAILING).slice(0, 1000));
  expect(new SyncStateStore(db).get(key)).toMatchObject({
    runNextStart: 1000,
    lastErrorCode: 'bad_response',
  });
});
