/**
 * Every index path of the views, read from SQLite's own plans: each clicks-grid sort column is
 * walked on its (emailing, column) index for a block at any offset, for a filtered block's
 * order, within a date range and for an export's walk; the summaries read their tables, or the
 * time index for a date range; the profile's clicks read clicks_by_profile.
 */
import { clickColumnList } from '../../src/shared/columns/clickColumns';
import { sortableIds } from '../../src/shared/columns/columnSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWallClock } from '../../src/shared/wallClock';
import { iterateProfileClicks } from '../../src/backend/export/profileClicksQuery';
import { clickColumnSql } from '../../src/backend/views/clickColumns';
import { ClicksView } from '../../src/backend/views/clicksBlock';
import { SummaryViews } from '../../src/backend/views/summaryViews';
import type { DateRange, FilterModel, ViewRequest } from '../../src/shared/schemas/grid';
import { linkColumns, profileColumns } from '../../src/shared/schemas/views';
import { type SeededCache, SYNCED_CLICKS, seedCache } from '../export/seed';
import { syncCompleteness } from '../../src/backend/export/completeness';
import { countClicks } from '../../src/backend/export/clickVerdictRows';
import { cachedEmailing } from '../../src/backend/export/viewExport';
import { type ExplainedQuery, explainQueries } from './queryPlans';

/** The derived columns (verdict, device) do not sort. */
const sortableClickColumns = sortableIds(clickColumnList);

let cache: SeededCache;

beforeAll(async () => {
  cache = await seedCache(':memory:');
  const wallOf = (position: number) =>
    formatWallClock(
      cache.db
        .prepare('SELECT ts_local FROM clicks WHERE emailing_id = ? ORDER BY ts_local LIMIT 1 OFFSET ?')
        .pluck(true)
        .get(cache.synced, position) as number,
    );
  range = { from: wallOf(500), to: wallOf(2000) };
});
afterAll(() => cache.close());

const titleFilter: FilterModel = { linkTitle: { filterType: 'text', type: 'contains', filter: 'a' } };
/** A range holding about half of the synced clicks (set from the data below). */
let range: DateRange;

function request(colId: string, sort: 'asc' | 'desc', more: Partial<ViewRequest> = {}): ViewRequest {
  return { emailingKey: cache.synced, sortModel: [{ colId, sort }], filterModel: {}, ...more };
}

function blockQueries(view: ViewRequest, startRow = 1200): ExplainedQuery[] {
  return explainQueries(cache.db, () => {
    const block = new ClicksView(cache.db).block({ ...view, startRow, endRow: startRow + 100 });
    // A block past the end reads no rows: the plan would not show the walk.
    expect(block.rows.length).toBeGreaterThan(0);
  });
}

/** The plan lines of the queries that read click rows or IDs (not the state, counts or dictionaries). */
function clickWalks(queries: ExplainedQuery[]): string[] {
  return queries.flatMap((q) => q.plan).filter((line) => /^SEARCH [co] USING /.test(line));
}

describe.each(sortableClickColumns)('sorting the clicks grid on %s', (column) => {
  const sort = clickColumnSql[column].sort;
  // The click ID's index is the primary key (emailing_id, id) of the WITHOUT ROWID table.
  const onIndex = sort.index
    ? new RegExp(`^SEARCH [co] USING (COVERING )?INDEX ${sort.index} \\(emailing_id=\\?`)
    : /^SEARCH [co] USING PRIMARY KEY \(emailing_id=\?/;

  it.each(['asc', 'desc'] as const)('walks its index for a block deep in the grid (%s)', (direction) => {
    const walks = clickWalks(blockQueries(request(column, direction)));
    expect(
      walks.some((line) => onIndex.test(line)),
      walks.join('\n'),
    ).toBe(true);
  });

  it('walks its index for a block within a date range', () => {
    const walks = clickWalks(blockQueries(request(column, 'asc', { dateRange: range }), 0));
    expect(
      walks.some((line) => onIndex.test(line)),
      walks.join('\n'),
    ).toBe(true);
  });

  it("puts a filter's matching clicks in order on its index", () => {
    const queries = blockQueries(request(column, 'asc', { filterModel: titleFilter }), 0);
    const ordering = queries.find((q) => q.sql.startsWith('SELECT o.'));
    const walk = sort.index
      ? `SEARCH o USING COVERING INDEX ${sort.index} (`
      : 'SEARCH o USING PRIMARY KEY (';
    expect(
      ordering?.plan.some((line) => line.startsWith(walk)),
      ordering?.plan.join('\n'),
    ).toBe(true);
  });

  it('walks its index, or the primary key for the click ID, for an export', () => {
    const queries = explainQueries(cache.db, () => {
      let n = 0;
      for (const _ of new ClicksView(cache.db).rows(request(column, 'desc'))) if (++n > 5) break;
    });
    const walks = clickWalks(queries);
    const expected = column === 'id' ? /^SEARCH c USING PRIMARY KEY \(emailing_id=\?\)/ : onIndex;
    expect(
      walks.some((line) => expected.test(line)),
      walks.join('\n'),
    ).toBe(true);
  });
});

/**
 * Plan lines that read every row of the clicks table (aliases c, o, clicks) or sort in a
 * temporary B-tree. The grid's page puts its own (at most 100) rows back in their place with
 * ORDER BY p.position, a sort of the page, not of the emailing: that one is allowed.
 */
function scansOrSorts(queries: ExplainedQuery[]): string[] {
  return queries.flatMap((q) => {
    // `c` is also the alias of the grid's page of IDs, a co-routine that is scanned by design.
    const coroutines = new Set(q.plan.flatMap((line) => /^CO-ROUTINE (\w+)/.exec(line)?.[1] ?? []));
    const pageSort = q.sql.trimEnd().endsWith('ORDER BY p.position') ? q.plan.length - 1 : -1;
    return q.plan.filter((line, at) => {
      const scanned = /^SCAN (\w+)( |$)/.exec(line)?.[1];
      if (line.includes('TEMP B-TREE')) return at !== pageSort;
      return scanned !== undefined && ['c', 'o', 'clicks'].includes(scanned) && !coroutines.has(scanned);
    });
  });
}

/** The statement that finds a grid page's click IDs (clickPage.ts), alone, with its parameters. */
function pageIdWalk(queries: ExplainedQuery[]): { sql: string; params: unknown[] } | undefined {
  const page = queries.find((q) => q.sql.includes('AS position FROM (SELECT emailing_id, id FROM clicks'));
  const inner =
    page && /\((SELECT emailing_id, id FROM clicks AS c [^()]*LIMIT \? OFFSET \?)\)/.exec(page.sql)?.[1];
  return inner && page ? { sql: inner, params: page.params } : undefined;
}

describe('the click-ID order on the primary key, with no clicks_by_emailing', () => {
  const deep = SYNCED_CLICKS - 150;
  it.each([
    ['asc', 0],
    ['desc', 0],
    ['asc', deep],
    ['desc', deep],
  ] as const)(
    'reads a %s block at row %i by SEARCH clicks USING PRIMARY KEY, no sort',
    (direction, startRow) => {
      const queries = blockQueries(request('id', direction), startRow);
      const lines = queries.flatMap((q) => q.plan);
      expect(lines, lines.join('\n')).toContain('SEARCH c USING PRIMARY KEY (emailing_id=?)');
      // The walk to the block's place, on its own: the primary key in either direction, no sort.
      const walk = pageIdWalk(queries);
      expect(walk?.sql).toContain(`ORDER BY c.id ${direction.toUpperCase()}`);
      expect(
        (
          cache.db.prepare(`EXPLAIN QUERY PLAN ${walk?.sql}`).all(...(walk?.params ?? [])) as {
            detail: string;
          }[]
        ).map((r) => r.detail),
      ).toEqual(['SEARCH c USING PRIMARY KEY (emailing_id=?)']);
      expect(
        scansOrSorts(queries),
        queries.map((q) => q.sql + '\n  ' + q.plan.join('\n  ')).join('\n'),
      ).toEqual([]);
      expect(queries.map((q) => q.sql).join('\n')).not.toContain('clicks_by_emailing');
    },
  );

  it('gives a deep block the rows at its place in click-ID order, either way', () => {
    const ids = cache.db
      .prepare('SELECT id FROM clicks WHERE emailing_id = ? ORDER BY id')
      .pluck(true)
      .all(cache.synced) as number[];
    const view = new ClicksView(cache.db);
    const read = (sort: 'asc' | 'desc') =>
      view.block({ ...request('id', sort), startRow: deep, endRow: deep + 100 }).rows.map((r) => r.id);
    expect(read('asc')).toEqual(ids.slice(deep, deep + 100));
    expect(read('desc')).toEqual([...ids].reverse().slice(deep, deep + 100));
  });

  it("puts a filter's matching clicks in click-ID order on the primary key, no sort", () => {
    const queries = blockQueries(request('id', 'desc', { filterModel: titleFilter }), 0);
    const ordering = queries.find((q) => q.sql.startsWith('SELECT o.'));
    expect(ordering?.plan).toContain('SEARCH o USING PRIMARY KEY (emailing_id=? AND id=?)');
    expect(
      scansOrSorts(queries),
      queries.map((q) => q.sql + '\n  ' + q.plan.join('\n  ')).join('\n'),
    ).toEqual([]);
  });

  it('counts the clicks of an emailing and of a date range without clicks_by_emailing', () => {
    const queries = [
      ...blockQueries(request('id', 'asc', { dateRange: range }), 0),
      ...explainQueries(cache.db, () => {
        syncCompleteness(cache.db, cache.synced);
        countClicks(cache.db, cache.synced, true);
        cachedEmailing(cache.db, cache.synced);
      }),
    ];
    const counts = queries.filter((q) =>
      /COUNT\(\*\)[^]*FROM clicks|EXISTS \(SELECT 1 FROM clicks/.test(q.sql),
    );
    expect(counts.length).toBeGreaterThanOrEqual(4);
    for (const q of counts) {
      const onClicks = q.plan.filter((line) => /^SEARCH (c|clicks) /.test(line));
      expect(onClicks.length, q.sql).toBeGreaterThan(0);
      for (const line of onClicks) {
        expect(line).toMatch(/USING (PRIMARY KEY|COVERING INDEX clicks_by_\w+) \(emailing_id=\?/);
        expect(line).not.toContain('clicks_by_emailing');
      }
    }
    expect(
      scansOrSorts(queries),
      queries.map((q) => q.sql + '\n  ' + q.plan.join('\n  ')).join('\n'),
    ).toEqual([]);
  });
});

describe('the summaries and the drill-down', () => {
  const plans = (run: () => void) => explainQueries(cache.db, run).flatMap((q) => q.plan);

  it.each(linkColumns)('reads link_stats, or the time index for a range, sorted on %s', (column) => {
    const view = new SummaryViews(cache.db);
    expect(plans(() => view.links(request(column, 'desc')))).toContain(
      'SEARCH link_stats USING PRIMARY KEY (emailing_id=?)',
    );
    expect(plans(() => view.links(request(column, 'desc', { dateRange: range })))).toContain(
      'SEARCH clicks USING INDEX clicks_by_time (emailing_id=? AND ts_local>? AND ts_local<?)',
    );
  });

  it.each(profileColumns)('reads profile_stats, or the time index for a range, sorted on %s', (column) => {
    const view = new SummaryViews(cache.db);
    const block = (more: Partial<ViewRequest>) => () =>
      view.profilesBlock({ ...request(column, 'asc', more), startRow: 0, endRow: 100 });
    expect(
      plans(block({})).some((line) =>
        /^SEARCH profile_stats USING (INDEX \w+ |PRIMARY KEY )\(emailing_id=\?/.test(line),
      ),
    ).toBe(true);
    expect(plans(block({ dateRange: range }))).toContain(
      'SEARCH clicks USING INDEX clicks_by_time (emailing_id=? AND ts_local>? AND ts_local<?)',
    );
  });

  it("reads the profile's clicks on clicks_by_profile", () => {
    const profileId = cache.db
      .prepare('SELECT profile FROM clicks WHERE emailing_id = ? AND profile IS NOT NULL LIMIT 1')
      .pluck(true)
      .get(cache.synced) as number;
    const lines = plans(() => [
      ...iterateProfileClicks(cache.db, {
        accountId: cache.accountId,
        profileId,
        sortModel: [{ colId: 'link', sort: 'asc' }],
        filterModel: {},
      }),
    ]);
    expect(
      lines.some((line) => line.includes('USING INDEX clicks_by_profile (emailing_id=? AND profile=?)')),
    ).toBe(true);
  });
});
