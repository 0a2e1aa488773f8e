import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { parseCopernicaStatistics } from '../../src/backend/figures/copernicaStatistics';
import { KeyFiguresView } from '../../src/backend/figures/keyFigures';
import { refreshStatistics } from '../../src/backend/figures/refreshStatistics';
import { recordStatistics, statisticsHistory } from '../../src/backend/figures/statisticsSnapshots';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { syncEmailingClicks } from '../../src/backend/sync/syncEmailingClicks';
import { EmailingFiguresSchema } from '../../src/shared/schemas/figures';
import { emailingKeyOf } from '../helpers/cacheContents';
import { seedEmailing } from '../helpers/seedEmailing';

const TOKEN = 'test-token';
let fake: FakeCopernica;
let db: Database.Database;
let clock: number;
const now = (): Date => new Date((clock += 1000));

beforeEach(async () => {
  clock = Date.parse('2025-05-01T10:00:00Z');
  fake = await createFakeCopernica({
    tokens: [TOKEN],
    emailings: [
      { id: 701, clicks: 3000 },
      { id: 702, clicks: 600 },
    ],
  });
  db = openDatabase(':memory:');
});

afterEach(async () => {
  db.close();
  await fake.close();
});

function client(version: 'v2' | 'v3' = 'v3'): CopernicaClient {
  return new CopernicaClient({ baseUrl: fake.url.replace(/v2$/, version), token: TOKEN, timeoutMs: 2000 });
}

async function sync(ids: number[], version: 'v2' | 'v3' = 'v3') {
  const source = client(version);
  return runSync({ db, source, plan: await planSync(source, fake.url, ids), now });
}

/** The cache's figures counted the slow way, over the clicks. */
function aggregates(key: number, where = '') {
  return db
    .prepare(
      `SELECT COUNT(*) AS clicks, COUNT(DISTINCT destination) AS uniqueClickers,
              (SELECT COUNT(*) FROM (SELECT DISTINCT destination, link FROM clicks
                WHERE emailing_id = ? AND destination IS NOT NULL ${where})) AS uniqueLinkClicks
         FROM clicks WHERE emailing_id = ? ${where}`,
    )
    .get(key, key);
}

describe('key figures', () => {
  it("put Copernica's statistics beside the cache's counts, in the JSON shape of figures --json", async () => {
    const result = await sync([701, 702]);
    expect(result.statistics).toEqual(['first', 'first']);
    const key = emailingKeyOf(db, 701);
    const figures = new KeyFiguresView(db).emailingFigures(key);
    expect(EmailingFiguresSchema.strict().parse(figures)).toEqual(figures);
    expect(figures.emailing).toBe(701);
    expect(figures.cache).toMatchObject(aggregates(key) as object);
    expect(figures.cache.uniqueClickers).toBeLessThan(figures.cache.uniqueLinkClicks);
    expect(figures.cache.uniqueLinkClicks).toBeLessThan(figures.cache.clicks);
    expect(figures.copernica).toMatchObject({
      fetchedAt: expect.stringMatching(/^2025-05-01T10:00/),
      clicks: { total: 3000, unique: figures.cache.uniqueClickers },
    });
    const c = figures.copernica!;
    expect(figures.rates.openRate).toBe(c.impressions.unique! / c.delivered!);
    expect(figures.rates.clickRate).toBe(c.clicks.unique! / c.delivered!);
    expect(figures.reconciliation).toEqual({ status: 'complete', difference: 0 });
  });

  it('keep the counts right after a bulk load, and page by page as a refresh brings more clicks', async () => {
    const bulk = seedEmailing(db, fake.url, 702);
    const loaded = await syncEmailingClicks({
      db,
      source: client(),
      emailingKey: bulk,
      emailingId: 702,
      timeZone: 'UTC',
      bulkLoad: { minRows: 100 },
    });
    expect(db.prepare('SELECT summaries_stale FROM sync_state WHERE emailing_id = ?').pluck().get(bulk)).toBe(
      0,
    );
    expect(loaded.cachedRows).toBe(600);
    expect(new KeyFiguresView(db).emailingFigures(bulk).cache).toMatchObject(aggregates(bulk) as object);

    const key = (await sync([701])).emailings[0]!.emailingKey;
    fake.appendClicks(701, 1500);
    await sync([701]);
    expect(new KeyFiguresView(db).emailingFigures(key).cache).toMatchObject(aggregates(key) as object);
  });

  it("count a period's clicks when the period control is set", async () => {
    await sync([701]);
    const key = emailingKeyOf(db, 701);
    const [from, to] = db
      .prepare('SELECT MIN(ts_local) + 600, MIN(ts_local) + 3000 FROM clicks WHERE emailing_id = ?')
      .raw(true)
      .get(key) as [number, number];
    const wall = (s: number) => new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const view = new KeyFiguresView(db).keyFigures({
      emailingKey: key,
      dateRange: { from: wall(from), to: wall(to) },
    });
    expect(view.period).toBe(true);
    expect(view.figures.cache).toMatchObject(
      aggregates(key, `AND ts_local >= ${from} AND ts_local < ${to}`) as object,
    );
    expect(view.figures.cache.clicks).toBeLessThan(3000);
    // The reconciliation is of the whole emailing: a period cannot be held against Copernica's totals.
    expect(view.reconciliation).toMatchObject({ status: 'complete', cachedClicks: 3000 });
  });

  it('reconcile: clicks Copernica counts that a refresh has not brought yet, and more cached than it reports', async () => {
    await sync([701]);
    const key = emailingKeyOf(db, 701);
    fake.appendClicks(701, 25);
    expect(await refreshStatistics({ db, source: client(), emailingKey: key, emailingId: 701, now })).toBe(
      'changed',
    );
    expect(new KeyFiguresView(db).emailingFigures(key).reconciliation).toEqual({
      status: 'missing',
      difference: 25,
    });
    await sync([701]);
    expect(new KeyFiguresView(db).emailingFigures(key).reconciliation).toEqual({
      status: 'complete',
      difference: 0,
    });

    const statistics = parseCopernicaStatistics({ clicks: { total: 3000, unique: 1 } });
    recordStatistics(db, key, statistics, now());
    expect(new KeyFiguresView(db).emailingFigures(key).reconciliation).toEqual({
      status: 'extra',
      difference: 25,
    });
  });

  it('keep the old snapshot when a refresh finds the statistics changed, and only move the date when not', async () => {
    await sync([701]);
    const key = emailingKeyOf(db, 701);
    const first = statisticsHistory(db, key);
    await sync([701]);
    const unchanged = statisticsHistory(db, key);
    expect(unchanged).toHaveLength(1);
    expect(unchanged[0]!.firstFetchedAt).toBe(first[0]!.firstFetchedAt);
    expect(unchanged[0]!.fetchedAt > first[0]!.fetchedAt).toBe(true);

    fake.appendClicks(701, 10);
    await sync([701]);
    const history = statisticsHistory(db, key);
    expect(history.map((h) => h.statistics.clicks.total)).toEqual([3010, 3000]);
    const view = new KeyFiguresView(db).keyFigures({ emailingKey: key });
    expect(view.previousSnapshotFetchedAt).toBe(history[1]!.fetchedAt);
    expect(view.figures.copernica?.fetchedAt).toBe(history[0]!.fetchedAt);
  });

  it('show "not given" for what v2 does not send, and take the destinations from the emailing', async () => {
    await sync([701], 'v2');
    const view = new KeyFiguresView(db).keyFigures({ emailingKey: emailingKeyOf(db, 701) });
    const c = view.figures.copernica!;
    expect(view.dominant).toBeNull();
    expect(view.figures.rates.copernicaCtr).toBeNull();
    // No deliveries counter: delivered = destinations (from the emailing) − unique errors.
    expect(c.destinations).toBeGreaterThan(0);
    expect(c.delivered).toBe(c.destinations! - c.errors!);
    expect(view.figures.rates.openRate).not.toBeNull();
  });

  it('have no Copernica side and no reconciliation before the statistics were ever fetched', () => {
    db.prepare(
      `INSERT INTO accounts (id, label, api_base, remote_id, created_at) VALUES (1, 'a', 'b', 1, 'now')`,
    ).run();
    db.prepare('INSERT INTO emailings (id, account_id, remote_id) VALUES (5, 1, 99)').run();
    const figures = new KeyFiguresView(db).emailingFigures(5);
    expect(figures.copernica).toBeNull();
    expect(figures.reconciliation).toBeNull();
    expect(figures.cache.clicks).toBe(0);
    expect(Object.values(figures.rates).every((r) => r === null)).toBe(true);
  });
});
