/**
 * What the emailing views send and compute without a browser: AG Grid's models turned into the
 * contract's (and accepted by its schema), wall-clock arithmetic in the account's zone for the
 * period presets, and the timeline's continuous axis.
 */
import { describe, expect, it } from 'vitest';
import { FilterModelSchema, SortModelSchema } from '../../src/shared/schemas/grid';
import { toFilterModel, toSortModel, toWallClock } from '../../src/renderer/src/grid/queryModels';
import { fromInputValue, toInputValue } from '../../src/renderer/src/detail/wallClock';
import { addHours, wallClockToInstant } from '../../src/shared/wallClock';
import { alignBuckets } from '../../src/renderer/src/chart/buckets';
import { applyGridState } from '../../src/renderer/src/grid/gridState';

describe('AG Grid models to the contract', () => {
  it('keeps text, number and date filters, single and combined, in a shape the schema accepts', () => {
    const model = toFilterModel({
      linkTitle: { filterType: 'text', type: 'contains', filter: 'webshop' },
      profile: {
        filterType: 'number',
        operator: 'OR',
        conditions: [
          { filterType: 'number', type: 'equals', filter: 1016005 },
          { filterType: 'number', type: 'inRange', filter: 10, filterTo: 20 },
        ],
      },
      timestamp: {
        filterType: 'date',
        type: 'inRange',
        dateFrom: '2025-03-04 09:00:00',
        dateTo: '2025-03-05',
      },
      referer: { filterType: 'text', type: 'blank' },
    });
    expect(FilterModelSchema.parse(model)).toEqual(model);
    expect(model.timestamp).toEqual({
      filterType: 'date',
      type: 'inRange',
      dateFrom: '2025-03-04 09:00:00',
      dateTo: '2025-03-05 00:00:00',
    });
    expect(model.referer).toEqual({ filterType: 'text', type: 'blank', filter: null });
  });

  it('drops what the contract does not know and writes dates as wall clocks', () => {
    expect(toFilterModel({ odd: { filterType: 'set', values: ['a'] }, empty: null })).toEqual({});
    expect(toWallClock('2025-03-04T09:30')).toBe('2025-03-04 09:30:00');
    expect(toWallClock('not a date')).toBeNull();
  });

  it('sends at most four sort columns, without the extra fields AG Grid adds', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((colId) => ({
      colId,
      sort: 'asc' as const,
      type: 'default',
    }));
    const sort = toSortModel(items);
    expect(sort).toHaveLength(4);
    expect(SortModelSchema.parse(sort)).toEqual(sort);
  });
});

describe('wall clocks in the account zone', () => {
  it('adds real hours across a daylight-saving change', () => {
    // Europe/Amsterdam moved from +01:00 to +02:00 at 02:00 on 30 March 2025.
    expect(addHours('2025-03-29 09:00:00', 24, 'Europe/Amsterdam')).toBe('2025-03-30 10:00:00');
    expect(addHours('2025-03-04 09:00:00', 24, 'Europe/Amsterdam')).toBe('2025-03-05 09:00:00');
    expect(addHours('2025-03-04 09:00:00', 7 * 24, 'UTC')).toBe('2025-03-11 09:00:00');
  });

  it('reads a wall clock as the instant it names in the zone', () => {
    expect(wallClockToInstant('2025-03-04 09:00:00', 'Europe/Amsterdam')).toBe(Date.UTC(2025, 2, 4, 8));
    expect(wallClockToInstant('2025-07-04 09:00:00', 'Europe/Amsterdam')).toBe(Date.UTC(2025, 6, 4, 7));
  });

  it('round-trips the datetime-local input', () => {
    expect(toInputValue('2025-03-04 09:00:00')).toBe('2025-03-04T09:00');
    expect(fromInputValue('2025-03-04T09:00')).toBe('2025-03-04 09:00:00');
    expect(fromInputValue('')).toBeNull();
  });
});

describe('timeline buckets', () => {
  it('fills the hours no click fell in, for every series', () => {
    const { starts, values } = alignBuckets('hour', [
      [
        { start: '2025-03-04 09:00:00', clicks: 5 },
        { start: '2025-03-04 12:00:00', clicks: 2 },
      ],
      [{ start: '2025-03-04 12:00:00', clicks: 1 }],
    ]);
    expect(starts).toEqual([
      '2025-03-04 09:00:00',
      '2025-03-04 10:00:00',
      '2025-03-04 11:00:00',
      '2025-03-04 12:00:00',
    ]);
    expect(values).toEqual([
      [5, 0, 0, 2],
      [0, 0, 0, 1],
    ]);
  });
});

describe('saved grid layout', () => {
  it('applies saved order, widths and visibility, and keeps new columns at the end', () => {
    const defs = [{ colId: 'a', width: 100 }, { colId: 'b', width: 100 }, { colId: 'c' }];
    const applied = applyGridState(defs, {
      columns: [
        { colId: 'b', width: 240, hide: true },
        { colId: 'gone', width: 50 },
        { colId: 'a', width: 80 },
      ],
    });
    expect(applied.map((def) => [def.colId, def.width, def.hide])).toEqual([
      ['b', 240, true],
      ['a', 80, undefined],
      ['c', undefined, undefined],
    ]);
  });
});
