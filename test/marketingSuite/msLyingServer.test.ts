/**
 * test/sync/lyingServer.test.ts on a Marketing Suite emailing: the server's numbers are not
 * trusted, invalid rows are refused and counted, texts are capped, a huge page fails cleanly.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { MAX_CLICK_TEXT, TEXT_CUT_MARKER } from '../../src/backend/copernica/parse';
import { SyncStateStore } from '../../src/backend/db/syncState';
import type { FakeCopernica } from '../../src/backend/fakeApi/server';
import { clicksSourceFor } from '../../src/backend/sync/productSource';
import { syncEmailingClicks, type SyncEmailingClicksResult } from '../../src/backend/sync/syncEmailingClicks';
import { cachedClicks } from '../helpers/cacheContents';
import { msServerClicks } from '../helpers/productContents';
import { seedEmailing } from '../helpers/seedEmailing';
import { closeFakeAndCache, openFakeAndCache, runawayGuard } from '../helpers/syncFixture';

const EMAILING = 7;
const CLICKS = 2500;
const RUNAWAY = 100;

let fake: FakeCopernica;
let db: Database.Database;
let key: number;

beforeEach(async () => {
  ({ fake, db } = await openFakeAndCache({
    tokens: ['t'],
    emailings: [],
    msEmailings: [{ id: EMAILING, clicks: CLICKS }],
  }));
  key = seedEmailing(db, fake.url, EMAILING, 'ms');
});
afterEach(() => closeFakeAndCache({ fake, db }));

const clicksPath = /\/ms\/emailing\/7\/clicks$/;

async function sync(pagesInFlight = 2): Promise<SyncEmailingClicksResult> {
  return syncEmailingClicks({
    db,
    source: clicksSourceFor(new CopernicaClient({ baseUrl: fake.url, token: 't', maxAttempts: 1 }), 'ms'),
    emailingKey: key,
    emailingId: EMAILING,
    timeZone: 'Europe/Amsterdam',
    pagesInFlight,
    signal: runawayGuard(fake, RUNAWAY),
  });
}

const server = () => msServerClicks(fake, EMAILING);

it('a lying total, larger or smaller, and a lying count neither end the sync early nor make it run away', async () => {
  for (const envelope of [{ total: 1_000_000_000 }, { total: 1000 }, { count: 1500 }, { count: 0 }]) {
    db.prepare('DELETE FROM clicks').run();
    db.prepare('DELETE FROM sync_state').run();
    fake.clearFaults();
    fake.inject({ kind: 'envelope', envelope, path: clicksPath, times: Infinity });
    const result = await sync();
    expect(cachedClicks(db, key), JSON.stringify(envelope)).toEqual(server());
    expect(result.fetched).toBe(CLICKS);
  }
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
  expect(cachedClicks(db, key)).toEqual(server().slice(0, 1000));
  expect(result.inserted).toBe(1000);
});

it('zero, negative and unreadable IDs (the mailing one too) are refused and counted, never stored', async () => {
  fake.inject({
    kind: 'rows',
    path: clicksPath,
    rowEdits: [
      { row: 0, fields: { ID: '0' } },
      { row: 1, fields: { ID: 'abc' } },
      { row: 2, fields: { mailing: 'x' } },
      { row: 3, fields: { profile: '-1' } },
      { row: 4, fields: { timestamp: null } },
    ],
  });
  const result = await sync();
  expect(result).toMatchObject({ rejected: 5, fetched: CLICKS, inserted: CLICKS - 5 });
  expect(cachedClicks(db, key)).toEqual(server().filter((_, i) => i > 4));
  expect(new SyncStateStore(db).get(key).rejected).toBe(5);
});

it('a 1 MB user agent, link and IP are stored cut at the cap; a link_id, title or referer sent anyway is ignored', async () => {
  const huge = 'A'.repeat(1024 * 1024);
  fake.inject({
    kind: 'rows',
    path: clicksPath,
    rowEdits: [
      { row: 0, fields: { useragent: huge, link: huge, ip: huge } },
      { row: 1, fields: { link_id: '12', link_title: 'Not in Marketing Suite', referer: 'https://x/' } },
    ],
  });
  await sync();
  const [first, second] = cachedClicks(db, key);
  const cut = 'A'.repeat(MAX_CLICK_TEXT - TEXT_CUT_MARKER.length) + TEXT_CUT_MARKER;
  expect([first![2], first![5], first![6]]).toEqual([cut, cut, cut]);
  expect(second).toEqual(server()[1]);
  expect(cachedClicks(db, key).slice(2)).toEqual(server().slice(2));
});

it('a 100 MB page fails the sync with bad_response and keeps the pages committed before it', async () => {
  fake.inject({ kind: 'rows', path: clicksPath, rowEdits: [] });
  fake.inject({ kind: 'hugeBody', bytes: 100 * 1024 * 1024, path: clicksPath });
  const error = await sync(1).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'bad_response' });
  expect(cachedClicks(db, key)).toEqual(server().slice(0, 1000));
  expect(new SyncStateStore(db).get(key)).toMatchObject({
    runNextStart: 1000,
    lastErrorCode: 'bad_response',
  });
});
