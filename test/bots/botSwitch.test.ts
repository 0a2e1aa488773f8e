import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/backend/db/open';
import { devicesView } from '../../src/backend/devices/devicesView';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { syncFromFake } from '../../src/backend/fakeApi/syncFromFake';
import { ClicksView } from '../../src/backend/views/clicksBlock';
import { TimelineView } from '../../src/backend/views/timeline';

let fake: FakeCopernica;
let db: Database.Database;
let key: number;
let flagged: number;
const CLICKS = 3000;

beforeAll(async () => {
  fake = await createFakeCopernica({ tokens: ['t'], emailings: [{ id: 8, clicks: CLICKS, mixed: {} }] });
  db = openDatabase(':memory:');
  key = await syncFromFake(db, fake, 8);
  flagged = db.prepare('SELECT COUNT(*) FROM bot_clicks').pluck().get() as number;
});
afterAll(async () => {
  db.close();
  await fake.close();
});

const request = (more: object = {}) => ({ emailingKey: key, sortModel: [], filterModel: {}, ...more });

describe('the "Leave out suspected bots" switch', () => {
  it('leaves them out of the clicks grid and says how many, and shows them when off', () => {
    const view = new ClicksView(db);
    const on = view.block({ ...request({ excludeBots: true }), startRow: 0, endRow: 1000 });
    expect(flagged).toBeGreaterThan(400);
    expect(on.rowCount).toBe(CLICKS - flagged);
    expect(on.botsLeftOut).toBe(flagged);
    expect(on.rows.every((r) => r.verdict === 'Human')).toBe(true);
    const off = view.block({ ...request(), startRow: 0, endRow: 1000 });
    expect(off.rowCount).toBe(CLICKS);
    expect(off.botsLeftOut).toBeUndefined();
  });

  it('holds in a sorted order and deep in the grid', () => {
    const view = new ClicksView(db);
    const sorted = { ...request({ excludeBots: true, sortModel: [{ colId: 'ip', sort: 'desc' }] }) };
    const ids = new Set<number>();
    for (let start = 0; start < CLICKS; start += 500) {
      for (const row of view.block({ ...sorted, startRow: start, endRow: start + 500 }).rows) ids.add(row.id);
    }
    expect(ids.size).toBe(CLICKS - flagged);
  });

  it('leaves them out of the timeline', () => {
    const timeline = new TimelineView(db);
    const sum = (excludeBots: boolean) =>
      timeline
        .timeline({ ...request({ excludeBots }), bucket: 'day' })
        .points.reduce((total, p) => total + p.clicks, 0);
    expect(sum(false)).toBe(CLICKS);
    expect(sum(true)).toBe(CLICKS - flagged);
  });

  it('leaves them out of the Devices view, saying how many', () => {
    const on = devicesView(db, key, true);
    const off = devicesView(db, key, false);
    const deviceClicks = (rows: typeof on.rows) =>
      rows.filter((r) => r.dimension === 'device').reduce((total, r) => total + r.clicks, 0);
    expect(deviceClicks(off.rows)).toBe(CLICKS);
    expect(deviceClicks(on.rows)).toBe(CLICKS - flagged);
    expect(on.botClicksLeftOut).toBe(flagged);
    expect(off.rows.map((r) => r.value)).toEqual(expect.arrayContaining(['desktop', 'mobile', 'Outlook']));
  });
});

describe('the Verdict column', () => {
  it('names the reasons, and filters on them', () => {
    const view = new ClicksView(db);
    const bursts = view.block({
      ...request({ filterModel: { verdict: { filterType: 'text', type: 'contains', filter: 'burst' } } }),
      startRow: 0,
      endRow: 1000,
    });
    const burstCount = db
      .prepare('SELECT COUNT(*) FROM bot_clicks WHERE reasons & 1')
      .pluck()
      .get() as number;
    expect(bursts.rowCount).toBe(burstCount);
    expect(bursts.rows[0]?.verdict).toMatch(/^Suspected bot: burst(, [a-z ]+)*$/);
    const humans = view.block({
      ...request({ filterModel: { verdict: { filterType: 'text', type: 'equals', filter: 'Human' } } }),
      startRow: 0,
      endRow: 10,
    });
    expect(humans.rowCount).toBe(CLICKS - flagged);
  });

  it('sits beside the device columns, which do not sort', () => {
    const row = new ClicksView(db).block({ ...request(), startRow: 0, endRow: 1 }).rows[0]!;
    expect(['desktop', 'mobile', 'tablet', 'unknown']).toContain(row.deviceType);
    expect(() =>
      new ClicksView(db).block({
        ...request({ sortModel: [{ colId: 'verdict', sort: 'asc' }] }),
        startRow: 0,
        endRow: 1,
      }),
    ).toThrow(/cannot be sorted/);
  });
});
