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
import { type SeededCache, seedCache } from '../export/seed';
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
  const onIndex = new RegExp(`^SEARCH [co] USING (COVERING )?INDEX ${sort.index} \\(emailing_id=\\?`);

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
    expect(
      ordering?.plan.some((line) => line.startsWith(`SEARCH o USING COVERING INDEX ${sort.index} (`)),
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
