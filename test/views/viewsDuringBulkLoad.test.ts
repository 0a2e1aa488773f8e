/**
 * No view or export may fail because a sync is running. A large first sync loads without the
 * grid indexes, which are the whole clicks table's; the views name them with INDEXED BY. So:
 * emailing A is browsed (every sort, both directions), filtered, summarised and exported while
 * emailing B bulk-loads, paused in the middle of its load, and the answers are those of before;
 * B's own views answer during its load; and when the indexes are absent anyway (another program's
 * bulk load on the same file), every view of A still answers, with the same rows.
 */
import { clickColumnList } from '../../src/shared/columns/clickColumns';
import { sortableIds } from '../../src/shared/columns/columnSpec';
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { dropGridIndexes, missingGridIndexes } from '../../src/backend/db/gridIndexes';
import { openDatabase } from '../../src/backend/db/open';
import { csvFormatFor } from '../../src/backend/export/csvFormat';
import { type CommandView, exportFromCache } from '../../src/backend/export/exportCommand';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { type ClicksSource, syncEmailingClicks } from '../../src/backend/sync/syncEmailingClicks';
import { ClicksView } from '../../src/backend/views/clicksBlock';
import { SummaryViews } from '../../src/backend/views/summaryViews';
import type { FilterModel } from '../../src/shared/schemas/grid';
import { useTempDir } from '../helpers/tempDir';
import { seedEmailing } from '../helpers/seedEmailing';

/** The derived columns (verdict, device) do not sort. */
const sortableClickColumns = sortableIds(clickColumnList);

const tempDir = useTempDir();
const A = 61;
const B = 62;
let fake: FakeCopernica;
let client: CopernicaClient;
let path: string;
let db: Database.Database;

beforeEach(async () => {
  fake = await createFakeCopernica({
    tokens: ['t'],
    emailings: [
      { id: A, clicks: 1500 },
      { id: B, clicks: 6000 },
    ],
  });
  client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
  path = join(tempDir(), 'cache.db');
  db = openDatabase(path);
});
afterEach(async () => {
  db.close();
  await fake.close();
});

function emailingKey(id: number): number {
  return seedEmailing(db, fake.url, id);
}

const sync = (key: number, id: number, source: ClicksSource = client) =>
  syncEmailingClicks({
    db,
    source,
    emailingKey: key,
    emailingId: id,
    timeZone: 'Europe/Amsterdam',
    pageSize: 500,
    bulkLoad: { minRows: 1000 },
    // Page by page, so that a paused load shows exactly the pages received before the pause.
    commitGroup: { rows: 500, ms: 0 },
  });

/** B's first sync, held when it asks for the clicks at offset 3000: its load is half done. */
async function pausedBulkLoad(key: number): Promise<{ finish: () => Promise<unknown> }> {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reached = (): void => undefined;
  const paused = new Promise<void>((resolve) => (reached = resolve));
  const source: ClicksSource = {
    async clicksPage(id, query, signal) {
      if (query.start === 3000) {
        reached();
        await gate;
      }
      return client.clicksPage(id, query, signal);
    },
  };
  const running = sync(key, B, source);
  await paused;
  return {
    finish: () => {
      release();
      return running;
    },
  };
}

const filters: FilterModel[] = [
  {},
  { ip: { filterType: 'text', type: 'contains', filter: '1' } },
  { profile: { filterType: 'number', type: 'greaterThan', filter: 1_000_300 } },
];

/** Everything a user can look at or export of one emailing, as comparable values. */
async function everything(key: number, remoteId: number): Promise<Record<string, unknown>> {
  const clicks = new ClicksView(db);
  const summaries = new SummaryViews(db);
  const seen: Record<string, unknown> = {};
  for (const [f, filterModel] of filters.entries()) {
    for (const column of sortableClickColumns) {
      for (const sort of ['asc', 'desc'] as const) {
        const request = { emailingKey: key, sortModel: [{ colId: column, sort }], filterModel };
        const head = clicks.block({ ...request, startRow: 0, endRow: 100 });
        const middle = clicks.block({ ...request, startRow: 700, endRow: 800 });
        seen[`clicks ${f} ${column} ${sort}`] = [head.rowCount, ...head.rows, ...middle.rows];
      }
    }
  }
  const dateRange = { from: '2024-01-01 00:00:00', to: '2030-01-01 00:00:00' };
  for (const range of [undefined, dateRange]) {
    const request = {
      emailingKey: key,
      sortModel: [],
      filterModel: {},
      ...(range ? { dateRange: range } : {}),
    };
    seen[`links ${Boolean(range)}`] = summaries.links(request);
    seen[`profiles ${Boolean(range)}`] = summaries.profilesBlock({ ...request, startRow: 0, endRow: 200 });
    seen[`dated clicks ${Boolean(range)}`] = clicks.block({
      ...request,
      sortModel: [{ colId: 'referer', sort: 'desc' }],
      startRow: 0,
      endRow: 300,
    });
  }
  for (const view of ['clicks', 'links', 'profiles', 'report'] as CommandView[]) {
    const format = view === 'report' ? 'xlsx' : 'csv';
    const out = join(tempDir(), `${remoteId}-${view}.${format}`);
    const result = await exportFromCache({
      dbPath: path,
      emailingId: remoteId,
      view,
      format,
      out,
      csv: csvFormatFor('nl-NL'),
    });
    seen[`export ${view}`] = format === 'csv' ? readFileSync(out, 'utf8') : result.rows;
  }
  return seen;
}

describe('views and exports while a sync runs', () => {
  it('answers every view and export of emailing A as before while emailing B bulk-loads', async () => {
    await sync(emailingKey(A), A);
    const keyA = emailingKey(A);
    const before = await everything(keyA, A);

    const load = await pausedBulkLoad(emailingKey(B));
    try {
      expect(await everything(keyA, A)).toEqual(before);
    } finally {
      await load.finish();
    }
    expect(await everything(keyA, A)).toEqual(before);
    expect(missingGridIndexes(db)).toEqual([]);
  });

  it("answers B's own views and exports in the middle of its bulk load, without the grid indexes", async () => {
    const keyB = emailingKey(B);
    const load = await pausedBulkLoad(keyB);
    try {
      expect(missingGridIndexes(db)).toHaveLength(8);
      const during = await everything(keyB, B);
      expect((during['clicks 0 id asc'] as unknown[])[0]).toBeGreaterThanOrEqual(2000);
    } finally {
      await load.finish();
    }
    expect(missingGridIndexes(db)).toEqual([]);
  });

  it('gives the same rows with the grid indexes absent, as another program bulk-loading would leave them', async () => {
    await sync(emailingKey(A), A);
    const keyA = emailingKey(A);
    const indexed = await everything(keyA, A);
    dropGridIndexes(db);
    expect(await everything(keyA, A)).toEqual(indexed);
  });
});
