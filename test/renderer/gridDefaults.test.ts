import { describe, expect, it } from 'vitest';
import { clickColumnList } from '../../src/shared/columns/clickColumns';
import { linkColumnList } from '../../src/shared/columns/linkColumns';
import { gridColumns } from '../../src/renderer/src/grid/columns';
import { defaultColumnState } from '../../src/renderer/src/grid/gridState';

describe('the clicks grid starts useful', () => {
  const defs = gridColumns(clickColumnList);
  const shown = defs.filter((d) => !d.hide).map((d) => d.headerName);
  const hidden = defs.filter((d) => d.hide).map((d) => d.headerName);

  it('opens with Clicked at and Profile first, Link title before Link', () => {
    expect(shown.slice(0, 4)).toEqual(['Clicked at', 'Profile', 'Link title', 'Link']);
  });

  it('hides the IDs until asked for', () => {
    expect(hidden.sort()).toEqual(['Click ID', 'Destination', 'Link ID', 'Subprofile']);
  });

  it('pins Clicked at, and only it', () => {
    expect(defs.filter((d) => d.pinned).map((d) => [d.headerName, d.pinned])).toEqual([
      ['Clicked at', 'left'],
    ]);
  });

  it('"Reset columns" goes back to exactly that layout', () => {
    const state = defaultColumnState(defs);
    expect(state.map((c) => c.colId)).toEqual(clickColumnList.map((c) => c.id));
    expect(state.filter((c) => c.hide).map((c) => c.colId)).toEqual([
      'id',
      'linkId',
      'destination',
      'subprofile',
    ]);
    expect(state[0]).toMatchObject({ colId: 'timestamp', pinned: 'left', width: 190 });
  });
});

describe('the links grid starts with the title', () => {
  it('puts Link title before Link', () => {
    expect(linkColumnList.slice(0, 2).map((c) => c.header)).toEqual(['Link title', 'Link']);
  });
});
