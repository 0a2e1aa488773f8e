/**
 * Each view's shared column list against everything derived from it: the grid's column
 * definitions, the contract's schemas, the backend's SQL whitelist and the export's columns. A
 * column the grid shows but the export cannot write, a sort the backend does not know, or a
 * filter operator the grid offers that the contract or the SQL refuses fails here.
 */
import type { ColDef } from 'ag-grid-community';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewColumns } from '../../src/backend/export/viewColumns';
import { iterateProfileClicks } from '../../src/backend/export/profileClicksQuery';
import { ClicksView } from '../../src/backend/views/clicksBlock';
import { SummaryViews } from '../../src/backend/views/summaryViews';
import { gridColumns } from '../../src/renderer/src/grid/columns';
import { viewColumnLists } from '../../src/shared/columns/viewColumnLists';
import { ExportViewRequestSchema, exportViews, type ExportViewName } from '../../src/shared/schemas/export';
import {
  ClicksBlockRequestSchema,
  type ColumnFilter,
  type FilterModel,
  LinksRequestSchema,
  ProfilesBlockRequestSchema,
  type SortModel,
} from '../../src/shared/schemas/grid';
import { type SeededCache, seedCache } from '../export/seed';

let cache: SeededCache;
let profileId: number;

beforeAll(async () => {
  cache = await seedCache(':memory:');
  profileId = cache.db
    .prepare('SELECT profile FROM clicks WHERE emailing_id = ? AND profile IS NOT NULL LIMIT 1')
    .pluck(true)
    .get(cache.synced) as number;
});
afterAll(() => cache.close());

interface Query {
  sortModel: SortModel;
  filterModel: FilterModel;
}

/** The view read by the backend under a sort and filter, as the app or an export reads it. */
function readView(view: ExportViewName, query: Query): unknown[] {
  const request = { emailingKey: cache.synced, ...query };
  switch (view) {
    case 'clicks':
      return new ClicksView(cache.db).block({ ...request, startRow: 0, endRow: 100 }).rows;
    case 'links':
      return new SummaryViews(cache.db).links(request).rows;
    case 'profiles':
      return new SummaryViews(cache.db).profilesBlock({ ...request, startRow: 0, endRow: 100 }).rows;
    case 'profileClicks':
      return [...iterateProfileClicks(cache.db, { accountId: cache.accountId, profileId, ...query })];
  }
}

/** Whether the contract lets the renderer ask this of the view. */
function contractAccepts(view: ExportViewName, query: Query): boolean {
  const request = { emailingKey: cache.synced, ...query };
  switch (view) {
    case 'clicks':
      return ClicksBlockRequestSchema.safeParse({ ...request, startRow: 0, endRow: 100 }).success;
    case 'links':
      return LinksRequestSchema.safeParse(request).success;
    case 'profiles':
      return ProfilesBlockRequestSchema.safeParse({ ...request, startRow: 0, endRow: 100 }).success;
    case 'profileClicks':
      return ExportViewRequestSchema.safeParse({
        ...request,
        view,
        profileId,
        columns: [{ colId: 'id', header: '' }],
        format: 'csv',
        out: '/tmp/x.csv',
      }).success;
  }
}

/** A condition of the filter a grid column offers, with values every operator can use. */
function conditionFor(filter: string, type: string): ColumnFilter {
  switch (filter) {
    case 'agTextColumnFilter':
      return { filterType: 'text', type, filter: 'a' } as ColumnFilter;
    case 'agNumberColumnFilter':
      return { filterType: 'number', type, filter: 1, filterTo: 5000 } as ColumnFilter;
    case 'agDateColumnFilter':
      return {
        filterType: 'date',
        type,
        dateFrom: '2024-10-26 00:00:00',
        dateTo: '2024-10-28 00:00:00',
      } as ColumnFilter;
    default:
      throw new Error(`No condition for the filter ${filter}.`);
  }
}

/** The columns as the grid shows them; the profile's clicks have no grid, so their list stands in. */
function shownColumns(view: ExportViewName): ColDef[] {
  return gridColumns<unknown, string>(viewColumnLists[view]);
}

describe.each(exportViews)('the %s view', (view) => {
  it('can export every column it shows, under the header the grid shows', () => {
    for (const def of shownColumns(view)) {
      const exported = viewColumns[view][def.colId as string];
      expect(exported, def.colId).toBeDefined();
      expect(exported?.header).toBe(def.headerName);
    }
  });

  it('exports by default exactly the columns the grid shows at first', () => {
    const shown = shownColumns(view).filter((def) => !def.hide);
    expect(Object.keys(viewColumns[view]).filter((colId) => viewColumns[view][colId]?.visible)).toEqual(
      shown.map((def) => def.colId),
    );
  });

  it('sorts every column the grid sorts, both ways, in the contract and in SQL', () => {
    for (const def of shownColumns(view).filter((d) => d.sortable !== false)) {
      for (const sort of ['asc', 'desc'] as const) {
        const query = { sortModel: [{ colId: def.colId as string, sort }], filterModel: {} };
        expect(contractAccepts(view, query), `${def.colId} ${sort}`).toBe(true);
        expect(() => readView(view, query), `${def.colId} ${sort}`).not.toThrow();
      }
    }
  });

  it('filters every column with every operator the grid offers, in the contract and in SQL', () => {
    for (const def of shownColumns(view).filter((d) => d.filter !== false)) {
      const options = (def.filterParams as { filterOptions: string[] }).filterOptions;
      expect(options.length, String(def.colId)).toBeGreaterThan(0);
      for (const type of options) {
        const query = {
          sortModel: [],
          filterModel: { [def.colId as string]: conditionFor(def.filter as string, type) },
        };
        expect(contractAccepts(view, query), `${def.colId} ${type}`).toBe(true);
        expect(() => readView(view, query), `${def.colId} ${type}`).not.toThrow();
      }
    }
  });

  it('refuses, in the contract and in SQL, a filter on a column the grid does not filter', () => {
    for (const def of shownColumns(view).filter((d) => d.filter === false)) {
      const query = {
        sortModel: [],
        filterModel: { [def.colId as string]: conditionFor('agNumberColumnFilter', 'equals') },
      };
      if (view !== 'profileClicks') expect(contractAccepts(view, query), String(def.colId)).toBe(false);
      expect(() => readView(view, query)).toThrow(/cannot be filtered/);
    }
  });
});

describe('the contract', () => {
  it('refuses a sort or filter on a column outside the view, before the backend sees it', () => {
    const outside = { sortModel: [{ colId: 'ts_raw', sort: 'asc' as const }], filterModel: {} };
    expect(contractAccepts('clicks', outside)).toBe(false);
    expect(contractAccepts('profiles', outside)).toBe(false);
    const clicksOnly = { sortModel: [{ colId: 'userAgent', sort: 'asc' as const }], filterModel: {} };
    expect(contractAccepts('clicks', clicksOnly)).toBe(true);
    expect(contractAccepts('profiles', clicksOnly)).toBe(false);
    expect(
      contractAccepts('links', {
        sortModel: [],
        filterModel: { ip: conditionFor('agTextColumnFilter', 'contains') },
      }),
    ).toBe(false);
  });
});
