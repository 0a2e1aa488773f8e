import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { missingGridIndexes } from '../../src/backend/db/gridIndexes';
import { openDatabase } from '../../src/backend/db/open';
import type { FakeCopernica } from '../../src/backend/fakeApi/server';
import { syncEmailingClicks } from '../../src/backend/sync/syncEmailingClicks';
import { cachedClicks, serverClicks } from '../helpers/cacheContents';
import { useTempDir } from '../helpers/tempDir';
import { seedEmailing } from '../helpers/seedEmailing';
import { closeFakeAndCache, openFakeAndCache } from '../helpers/syncFixture';

const tempDir = useTempDir();
let fake: FakeCopernica;
let db: Database.Database;
let client: CopernicaClient;

beforeEach(async () => {
  ({ fake, db } = await openFakeAndCache({
    tokens: ['t'],
    emailings: [
      { id: 1, clicks: 5000 },
      { id: 2, clicks: 800 },
    ],
  }));
  client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
});
afterEach(() => closeFakeAndCache({ fake, db }));

function emailing(id: number): number {
  return seedEmailing(db, fake.url, id);
}

const bulkLoad = { minRows: 1000 };

function clickIndexes(database: Database.Database): string[] {
  return database
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'clicks' AND sql IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
}

/** Syncs emailing `emailingId`, cached as `emailingKey`, from the fake server; times in UTC unless told. */
function syncFromFake(
  emailingKey: number,
  emailingId: number,
  options: Partial<Parameters<typeof syncEmailingClicks>[0]>,
): ReturnType<typeof syncEmailingClicks> {
  return syncEmailingClicks({ db, source: client, emailingKey, emailingId, timeZone: 'UTC', ...options });
}

it('loads a large first sync without the grid indexes and builds them at the end', async () => {
  const key = emailing(1);
  const missingDuringLoad: number[] = [];
  await syncFromFake(key, 1, {
    timeZone: 'Europe/Amsterdam',
    bulkLoad,
    onProgress: (p) => {
      if (p.phase === 'fetching') missingDuringLoad.push(missingGridIndexes(db).length);
    },
  });
  expect(missingDuringLoad.slice(1)).toEqual(missingDuringLoad.slice(1).map(() => 8));
  expect(missingGridIndexes(db)).toEqual([]);
  // The click-ID order is the primary key's: the load builds no index that repeats it.
  expect(clickIndexes(db)).not.toContain('clicks_by_emailing');
  expect(clickIndexes(db)).toHaveLength(8);
  expect(cachedClicks(db, key)).toEqual(serverClicks(fake, 1));
});

it('keeps the indexes for an incremental run, and when the rest of the cache is large', async () => {
  const small = emailing(2);
  await syncFromFake(small, 2, { bulkLoad: { minRows: 100 } });
  const large = emailing(1);
  let sawMissing = false;
  const watch = () => (sawMissing ||= missingGridIndexes(db).length > 0);
  // 800 clicks cached elsewhere is more than no bulk load.
  await syncFromFake(large, 1, { bulkLoad: { minRows: 100 }, onProgress: watch });
  fake.appendClicks(2, 500);
  await syncFromFake(small, 2, { bulkLoad: { minRows: 1 }, onProgress: watch });
  expect(sawMissing).toBe(false);
});

it('restores the indexes when a bulk load is cancelled, and the cache restores them on open after a crash', async () => {
  const key = emailing(1);
  const controller = new AbortController();
  await expect(
    syncFromFake(key, 1, {
      bulkLoad,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rows >= 2000) controller.abort();
      },
    }),
  ).rejects.toMatchObject({ code: 'cancelled' });
  expect(missingGridIndexes(db)).toEqual([]);

  const path = join(tempDir(), 'crashed.db');
  const crashed = openDatabase(path);
  crashed.exec('DROP INDEX clicks_by_ip; DROP INDEX clicks_by_time');
  crashed.close();
  const raw = new Database(path);
  expect(missingGridIndexes(raw)).toEqual(['clicks_by_time', 'clicks_by_ip']);
  raw.close();
  const reopened = openDatabase(path);
  expect(missingGridIndexes(reopened)).toEqual([]);
  reopened.close();
});
