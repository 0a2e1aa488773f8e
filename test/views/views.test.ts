import { clickColumnList } from '../../src/shared/columns/clickColumns';
import { sortableIds } from '../../src/shared/columns/columnSpec';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { parseWallClock } from '../../src/shared/wallClock';
import { ClicksView } from '../../src/backend/views/clicksBlock';
import { refreshSummaries } from '../../src/backend/views/summaryTables';
import { SummaryViews } from '../../src/backend/views/summaryViews';
import { TimelineView } from '../../src/backend/views/timeline';
import type { FilterModel } from '../../src/shared/schemas/grid';
import { type ClickColumn, type ClickRow } from '../../src/shared/schemas/views';
import { emailingKeyOf } from '../helpers/cacheContents';

/** The derived columns (verdict, device) do not sort. */
const sortableClickColumns = sortableIds(clickColumnList);

let fake: FakeCopernica;
let db: Database.Database;
let key: number;
let all: ClickRow[];
const N = 3210;

beforeAll(async () => {
  fake = await createFakeCopernica({
    tokens: ['t'],
    emailings: [
      { id: 42, clicks: N },
      { id: 43, clicks: 300 },
    ],
  });
  db = openDatabase(':memory:');
  const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
  await runSync({ db, source: client, plan: await planSync(client, fake.url, [42, 43]) });
  key = emailingKeyOf(db, 42);
  all = new ClicksView(db).block({
    emailingKey: key,
    startRow: 0,
    endRow: 1000,
    sortModel: [],
    filterModel: {},
  }).rows;
  for (let start = 1000; start < N; start += 1000) {
    all.push(
      ...new ClicksView(db).block({
        emailingKey: key,
        startRow: start,
        endRow: start + 1000,
        sortModel: [],
        filterModel: {},
      }).rows,
    );
  }
});
afterAll(async () => {
  db.close();
  await fake.close();
});

/** SQLite's order: NULL first, then numbers, then text by code point. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function readAll(view: ClicksView, column: ClickColumn, sort: 'asc' | 'desc', filterModel: FilterModel = {}) {
  const rows: ClickRow[] = [];
  let rowCount: number;
  for (let start = 0; ; start += 500) {
    const block = view.block({
      emailingKey: key,
      startRow: start,
      endRow: start + 500,
      sortModel: [{ colId: column, sort }],
      filterModel,
    });
    rowCount = block.rowCount;
    rows.push(...block.rows);
    if (block.rows.length < 500) break;
  }
  return { rows, rowCount };
}

describe('the clicks grid', () => {
  it('holds every click of the emailing, in click-ID order by default', () => {
    expect(all).toHaveLength(N);
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => a - b));
    expect(new Set(all.map((r) => r.id)).size).toBe(N);
  });

  it.each(sortableClickColumns.flatMap((c) => [[c, 'asc'] as const, [c, 'desc'] as const]))(
    'sorts by %s %s across blocks: every click once, in order',
    (column, sort) => {
      const { rows, rowCount } = readAll(new ClicksView(db), column, sort);
      expect(rowCount).toBe(N);
      expect(new Set(rows.map((r) => r.id)).size).toBe(N);
      const values = rows.map((r) => r[column]);
      const sign = sort === 'asc' ? 1 : -1;
      for (let i = 1; i < values.length; i++)
        expect(sign * compare(values[i - 1], values[i])).toBeLessThanOrEqual(0);
      if (column === 'id' || column === 'timestamp' || column === 'profile') {
        // Ties are broken by click ID in the same direction, as the indexes store them.
        const expected = [...all]
          .sort((a, b) => sign * (compare(a[column], b[column]) || a.id - b.id))
          .map((r) => r.id);
        expect(rows.map((r) => r.id)).toEqual(expected);
      }
    },
  );

  it('answers a block in the middle with the same rows as reading from the start', () => {
    const view = new ClicksView(db);
    const { rows } = readAll(view, 'linkTitle', 'desc');
    const middle = view.block({
      emailingKey: key,
      startRow: 1234,
      endRow: 1334,
      sortModel: [{ colId: 'linkTitle', sort: 'desc' }],
      filterModel: {},
    });
    expect(middle.rows.map((r) => r.id)).toEqual(rows.slice(1234, 1334).map((r) => r.id));
  });

  it('filters on text (non-ASCII too), numbers and dates, counting what matches', () => {
    const title = all.find((r) => r.linkTitle && /[\u0080-\uffff]/.test(r.linkTitle))?.linkTitle as string;
    const word = title.split(' ').find((w) => /[\u0080-\uffff]/.test(w)) as string;
    const cases: [FilterModel, (r: ClickRow) => boolean][] = [
      [
        { linkTitle: { filterType: 'text', type: 'contains', filter: word } },
        (r) => (r.linkTitle ?? '').includes(word),
      ],
      [{ referer: { filterType: 'text', type: 'blank' } }, (r) => r.referer === null || r.referer === ''],
      [
        { profile: { filterType: 'number', type: 'inRange', filter: 1_000_100, filterTo: 1_000_400 } },
        (r) => r.profile !== null && r.profile > 1_000_100 && r.profile < 1_000_400,
      ],
      [
        {
          profile: {
            filterType: 'number',
            operator: 'OR',
            conditions: [
              { filterType: 'number', type: 'lessThan', filter: 1_000_050 },
              { filterType: 'number', type: 'blank' },
            ],
          },
        },
        (r) => r.profile === null || r.profile < 1_000_050,
      ],
    ];
    for (const [filterModel, keep] of cases) {
      const expected = all.filter(keep).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      const { rows, rowCount } = readAll(new ClicksView(db), 'id', 'asc', filterModel);
      expect(rowCount).toBe(expected.length);
      expect(rows.map((r) => r.id)).toEqual(expected);
    }
  });

  it('applies the date range and AG Grid day filters on the wall clock', () => {
    const first = all[0]?.timestamp as string;
    const day = first.slice(0, 10);
    const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const view = new ClicksView(db);
    const onDay = all.filter((r) => r.timestamp?.startsWith(day)).map((r) => r.id);
    const equals = view.block({
      emailingKey: key,
      startRow: 0,
      endRow: 1000,
      sortModel: [],
      filterModel: { timestamp: { filterType: 'date', type: 'equals', dateFrom: `${day} 00:00:00` } },
    });
    expect(equals.rowCount).toBe(onDay.length);
    const ranged = view.block({
      emailingKey: key,
      startRow: 0,
      endRow: 1000,
      sortModel: [{ colId: 'timestamp', sort: 'desc' }],
      filterModel: {},
      dateRange: { from: `${day} 00:00:00`, to: `${nextDay} 00:00:00` },
    });
    expect(ranged.rowCount).toBe(onDay.length);
    expect(
      ranged.rows.every(
        (r) =>
          (parseWallClock(r.timestamp as string) as number) <
          (parseWallClock(`${nextDay} 00:00:00`) as number),
      ),
    ).toBe(true);
  });

  it('refuses columns that are not in the whitelist, whatever they contain', () => {
    const view = new ClicksView(db);
    const block = (sortModel: { colId: string; sort: 'asc' }[], filterModel: FilterModel) =>
      view.block({ emailingKey: key, startRow: 0, endRow: 10, sortModel, filterModel });
    expect(() => block([{ colId: 'ts_raw', sort: 'asc' }], {})).toThrow(/cannot be sorted/);
    expect(() => block([{ colId: 'id; DROP TABLE clicks', sort: 'asc' }], {})).toThrow(/cannot be sorted/);
    expect(() =>
      block([], { 'profile) OR 1=1 --': { filterType: 'number', type: 'equals', filter: 1 } }),
    ).toThrow(/cannot be filtered/);
    expect(() => block([], { profile: { filterType: 'text', type: 'contains', filter: 'x' } })).toThrow(
      /does not fit/,
    );
    expect(db.prepare('SELECT COUNT(*) AS n FROM clicks').get()).toEqual({ n: N + 300 });
  });
});

describe('the links, profiles and timeline views', () => {
  it('total clicks, unique profiles, share and first/last click per link', () => {
    const { rows, totalClicks } = new SummaryViews(db).links({
      emailingKey: key,
      sortModel: [],
      filterModel: {},
    });
    expect(totalClicks).toBe(N);
    const byLink = new Map<string, ClickRow[]>();
    for (const r of all)
      byLink.set(`${r.linkId}|${r.link}|${r.linkTitle}`, [
        ...(byLink.get(`${r.linkId}|${r.link}|${r.linkTitle}`) ?? []),
        r,
      ]);
    expect(rows).toHaveLength(byLink.size);
    for (const row of rows) {
      const clicks = byLink.get(`${row.linkId}|${row.link}|${row.linkTitle}`) as ClickRow[];
      expect(row.clicks).toBe(clicks.length);
      expect(row.uniqueProfiles).toBe(new Set(clicks.map((c) => c.profile).filter((p) => p !== null)).size);
      expect(row.share).toBeCloseTo(clicks.length / N, 10);
      expect(row.firstClick).toBe(clicks.map((c) => c.timestamp as string).sort()[0]);
      expect(row.lastClick).toBe(
        clicks
          .map((c) => c.timestamp as string)
          .sort()
          .at(-1),
      );
    }
    expect(rows.map((r) => r.clicks)).toEqual([...rows.map((r) => r.clicks)].sort((a, b) => b - a));
  });

  it('pages through profiles with their clicks and unique links, sorted and filtered', () => {
    const views = new SummaryViews(db);
    const first = views.profilesBlock({
      emailingKey: key,
      startRow: 0,
      endRow: 50,
      sortModel: [{ colId: 'profile', sort: 'asc' }],
      filterModel: {},
    });
    const profiles = [...new Set(all.map((r) => r.profile))].sort(compare);
    expect(first.rowCount).toBe(profiles.length);
    expect(first.rows.map((r) => r.profile)).toEqual(profiles.slice(0, 50));
    const one = first.rows[5];
    const clicks = all.filter((r) => r.profile === one?.profile);
    expect(one).toMatchObject({
      clicks: clicks.length,
      uniqueLinks: new Set(clicks.map((c) => c.linkId)).size,
    });
    const busy = views.profilesBlock({
      emailingKey: key,
      startRow: 0,
      endRow: 1000,
      sortModel: [{ colId: 'clicks', sort: 'desc' }],
      filterModel: { clicks: { filterType: 'number', type: 'greaterThanOrEqual', filter: 2 } },
    });
    expect(busy.rows.every((r) => r.clicks >= 2)).toBe(true);
    expect(busy.rowCount).toBe(profiles.filter((p) => all.filter((r) => r.profile === p).length >= 2).length);
  });

  it('counts clicks per hour and per day, for the emailing and for a filter', () => {
    const timeline = new TimelineView(db);
    for (const bucket of ['hour', 'day'] as const) {
      const { points } = timeline.timeline({ emailingKey: key, bucket, sortModel: [], filterModel: {} });
      expect(points.reduce((sum, p) => sum + p.clicks, 0)).toBe(N);
      expect(points.map((p) => p.start)).toEqual([...points.map((p) => p.start)].sort());
    }
    const filtered = timeline.timeline({
      emailingKey: key,
      bucket: 'day',
      sortModel: [],
      filterModel: { profile: { filterType: 'number', type: 'lessThan', filter: 1_000_050 } },
    });
    expect(filtered.points.reduce((sum, p) => sum + p.clicks, 0)).toBe(
      all.filter((r) => r.profile !== null && r.profile < 1_000_050).length,
    );
  });
});

describe('the summaries the sync keeps', () => {
  it('are the same whether kept page by page, recomputed in one pass, or computed by SQL', async () => {
    const sqlLinks = db
      .prepare(
        `SELECT link, COUNT(*) AS clicks, COUNT(DISTINCT profile) AS unique_profiles, MIN(ts_local) AS first_ts, MAX(ts_local) AS last_ts
           FROM clicks WHERE emailing_id = ? AND link IS NOT NULL GROUP BY link ORDER BY link`,
      )
      .all(key);
    const sqlProfiles = db
      .prepare(
        `SELECT profile, COUNT(*) AS clicks, COUNT(DISTINCT link) AS unique_links, MIN(ts_local) AS first_ts, MAX(ts_local) AS last_ts
           FROM clicks WHERE emailing_id = ? GROUP BY profile ORDER BY profile`,
      )
      .all(key);
    const stored = () => ({
      links: db
        .prepare(
          'SELECT link, clicks, unique_profiles, first_ts, last_ts FROM link_stats WHERE emailing_id = ? ORDER BY link',
        )
        .all(key),
      profiles: db
        .prepare(
          'SELECT profile, clicks, unique_links, first_ts, last_ts FROM profile_stats WHERE emailing_id = ? ORDER BY profile',
        )
        .all(key),
    });
    // Synced page by page (3,210 clicks is below the bulk-load size).
    expect(stored()).toEqual({ links: sqlLinks, profiles: sqlProfiles });
    refreshSummaries(db, key);
    expect(stored()).toEqual({ links: sqlLinks, profiles: sqlProfiles });
  });

  it('follow clicks added by an incremental sync, repeats of a (link, profile) pair included', async () => {
    const other = emailingKeyOf(db, 43);
    const before = db.prepare('SELECT SUM(clicks) AS n FROM link_stats WHERE emailing_id = ?').get(other) as {
      n: number;
    };
    fake.appendClicks(43, 250);
    const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
    await runSync({ db, source: client, plan: await planSync(client, fake.url, [43]) });
    const after = db
      .prepare(
        'SELECT link, clicks, unique_profiles, first_ts, last_ts FROM link_stats WHERE emailing_id = ? ORDER BY link',
      )
      .all(other);
    const sql = db
      .prepare(
        `SELECT link, COUNT(*) AS clicks, COUNT(DISTINCT profile) AS unique_profiles, MIN(ts_local) AS first_ts, MAX(ts_local) AS last_ts
           FROM clicks WHERE emailing_id = ? AND link IS NOT NULL GROUP BY link ORDER BY link`,
      )
      .all(other);
    expect(after).toEqual(sql);
    expect((after as { clicks: number }[]).reduce((s, r) => s + r.clicks, 0)).toBe(before.n + 250);
  });
});

describe('a date range', () => {
  it('gives the same blocks as a range of click IDs as it does as a range of times', () => {
    const from = all[1000]?.timestamp as string;
    const to = all[2500]?.timestamp as string;
    const read = (follows: number) => {
      db.prepare('UPDATE sync_state SET time_follows_id = ? WHERE emailing_id = ?').run(follows, key);
      const view = new ClicksView(db);
      return (['profile', 'linkTitle', 'timestamp'] as const).map((colId) =>
        [0, 700, 1400].map((startRow) =>
          view.block({
            emailingKey: key,
            startRow,
            endRow: startRow + 100,
            sortModel: [{ colId, sort: 'desc' }],
            filterModel: {},
            dateRange: { from, to },
          }),
        ),
      );
    };
    const byIds = read(1);
    const byTimes = read(0);
    expect(byIds).toEqual(byTimes);
    const expected = all.filter(
      (r) => (r.timestamp as string) >= from && (r.timestamp as string) < to,
    ).length;
    expect(byIds[0]?.[0]?.rowCount).toBe(expected);
    expect(expected).toBeGreaterThan(100);
    expect(expected).toBeLessThan(N);
  });

  it('is known to follow click IDs after a sync of clicks in time order, and not after one out of order', async () => {
    const flag = () =>
      db
        .prepare('SELECT time_follows_id AS f FROM sync_state WHERE emailing_id = ?')
        .get(emailingKeyOf(db, 43));
    expect(flag()).toEqual({ f: 1 });
    fake.appendClicks(43, 3, { timestamp: '2020-01-01 00:00:00' });
    const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
    await runSync({ db, source: client, plan: await planSync(client, fake.url, [43]) });
    // The watermark run does not see clicks older than the watermark, so force a full one.
    db.prepare('UPDATE sync_state SET watermark = NULL WHERE emailing_id = ?').run(emailingKeyOf(db, 43));
    await runSync({ db, source: client, plan: await planSync(client, fake.url, [43]) });
    expect(flag()).toEqual({ f: 0 });
  });
});
