/**
 * The one wall-clock module and everything that reads Copernica's `YYYY-MM-DD HH:MM:SS` through
 * it: the rule for text (canonical data, lenient input, only dates that exist), the contract's
 * schemas, the old callers' cases, and conversion in Europe/Amsterdam across DST.
 */
import { describe, expect, it } from 'vitest';
import {
  ZoneConverter,
  addHours,
  formatWallClock,
  instantToWallClock,
  parseWallClock,
  readWallClockInput,
  wallClockToInstant,
} from '../../src/shared/wallClock';
import {
  ClicksBlockRequestSchema,
  FilterModelSchema,
  TimelineRequestSchema,
} from '../../src/shared/schemas/grid';
import { ExportViewInputSchema, ExportViewRequestSchema } from '../../src/shared/schemas/export';
import { parseWallClock as parseFakeWallClock } from '../../src/backend/fakeApi/data';
import { formatWallClock as showWallClock, formatWallClockParts } from '../../src/renderer/src/format';
import { formatClickTime } from '../../src/renderer/src/grid/cellFormat';
import { toWallClock } from '../../src/renderer/src/grid/queryModels';
import { fromInputValue, toInputValue } from '../../src/renderer/src/detail/wallClock';
import { bucketLabel, bucketTitle } from '../../src/renderer/src/chart/buckets';

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

describe('wall clock text', () => {
  it('round-trips canonical Copernica timestamps exactly', () => {
    for (const text of ['2010-11-03 15:07:33', '2024-02-29 00:00:00', '1999-12-31 23:59:59']) {
      const wall = parseWallClock(text);
      expect(wall).not.toBeNull();
      expect(formatWallClock(wall as number)).toBe(text);
    }
  });

  it('refuses text that is not canonical, so that it is kept verbatim instead', () => {
    for (const text of [
      '2024-02-31 00:00:00',
      '2024-1-1 00:00:00',
      '2024-01-01T00:00:00',
      '2024-01-01',
      '',
      '2024-01-01 24:00:00',
    ]) {
      expect(parseWallClock(text)).toBeNull();
    }
  });
});

describe('ZoneConverter (Europe/Amsterdam)', () => {
  const zone = new ZoneConverter('Europe/Amsterdam');
  const utc = (text: string): string => iso(zone.toUtc(parseWallClock(text) as number));

  it('applies winter and summer time', () => {
    expect(utc('2024-01-15 12:00:00')).toBe('2024-01-15T11:00:00.000Z');
    expect(utc('2024-07-15 12:00:00')).toBe('2024-07-15T10:00:00.000Z');
  });

  it('handles the spring gap and the autumn overlap', () => {
    expect(utc('2024-03-31 01:59:59')).toBe('2024-03-31T00:59:59.000Z');
    // 02:30 does not exist that night; it is read with the offset from before the jump.
    expect(utc('2024-03-31 02:30:00')).toBe('2024-03-31T01:30:00.000Z');
    expect(utc('2024-03-31 03:00:00')).toBe('2024-03-31T01:00:00.000Z');
    // 02:30 happens twice in October; the first (summer time) occurrence is taken.
    expect(utc('2024-10-27 02:30:00')).toBe('2024-10-27T00:30:00.000Z');
    expect(utc('2024-10-27 03:00:00')).toBe('2024-10-27T02:00:00.000Z');
  });

  it('agrees with Intl for every hour of a year', () => {
    const start = parseWallClock('2024-01-01 00:30:00') as number;
    for (let h = 0; h < 366 * 24; h += 7) {
      const wall = start + h * 3600;
      const instant = zone.toUtc(wall);
      expect(instant + zone.offsetAt(instant)).toSatisfy(
        (back: number) => back === wall || back === wall + 3600,
      );
    }
  });

  it('rejects an unknown zone', () => {
    expect(() => new ZoneConverter('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

/** Dates and times that do not exist, each with the canonical shape. */
const impossible = [
  '2025-02-30 10:00:00',
  '2025-02-29 10:00:00',
  '2025-04-31 10:00:00',
  '2025-13-01 10:00:00',
  '2025-00-10 10:00:00',
  '2025-03-00 10:00:00',
  '2025-03-04 25:00:00',
  '2025-03-04 24:00:00',
  '2025-03-04 10:60:00',
  '2025-03-04 10:00:60',
];

describe('the rule for wall-clock text', () => {
  it('reads input with T or a space, with or without seconds or a time, and writes it canonical', () => {
    expect(readWallClockInput('2025-03-04 09:30:15')).toBe('2025-03-04 09:30:15');
    expect(readWallClockInput('2025-03-04T09:30:15')).toBe('2025-03-04 09:30:15');
    expect(readWallClockInput('2025-03-04T09:30')).toBe('2025-03-04 09:30:00');
    expect(readWallClockInput('2025-03-04 09:30')).toBe('2025-03-04 09:30:00');
    expect(readWallClockInput('2025-03-04')).toBe('2025-03-04 00:00:00');
    for (const text of [
      '',
      'yesterday',
      '2025-3-4',
      '2025-03-04 9:30',
      '2025-03-04T09',
      '2025-03-04 09:30:00Z',
    ]) {
      expect(readWallClockInput(text)).toBeNull();
    }
  });

  it('refuses dates and times that do not exist, in data and in input alike', () => {
    for (const text of impossible) {
      expect(parseWallClock(text)).toBeNull();
      expect(readWallClockInput(text)).toBeNull();
      // The same without the seconds, as a datetime-local field writes it (seconds 60 aside).
      if (!text.endsWith(':60')) expect(readWallClockInput(text.replace(' ', 'T').slice(0, 16))).toBeNull();
    }
  });

  it('knows leap years', () => {
    expect(parseWallClock('2024-02-29 12:00:00')).toBe(Date.UTC(2024, 1, 29, 12) / 1000);
    expect(readWallClockInput('2024-02-29')).toBe('2024-02-29 00:00:00');
    expect(parseWallClock('2000-02-29 00:00:00')).not.toBeNull();
    expect(parseWallClock('2025-02-29 12:00:00')).toBeNull();
    expect(parseWallClock('1900-02-29 00:00:00')).toBeNull();
  });
});

describe("the contract's schemas refuse impossible dates with a clear message", () => {
  const query = { emailingKey: 1 };
  const dateFilter = (dateFrom: string) => ({
    timestamp: { filterType: 'date', type: 'greaterThan', dateFrom, dateTo: null },
  });
  const exportOf = (dateRange: object) => ({
    view: 'clicks',
    emailingKey: 1,
    dateRange,
    columns: [{ colId: 'timestamp', header: 'Time' }],
    format: 'csv',
  });
  const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
    result.error?.issues.map((issue) => issue.message).join(' ') ?? '';

  it('in the date range of the views', () => {
    for (const text of impossible) {
      const result = ClicksBlockRequestSchema.safeParse({
        ...query,
        startRow: 0,
        endRow: 100,
        dateRange: { from: text },
      });
      expect(result.success).toBe(false);
      expect(messageOf(result)).toBe(
        `${text} is not a real date and time (check the day of the month, the hour and the minutes).`,
      );
      expect(
        TimelineRequestSchema.safeParse({ ...query, bucket: 'day', dateRange: { to: text } }).success,
      ).toBe(false);
    }
    const leap = { ...query, startRow: 0, endRow: 100, dateRange: { from: '2024-02-29 00:00:00', to: null } };
    expect(ClicksBlockRequestSchema.safeParse(leap).success).toBe(true);
  });

  it("in the grid's date filters", () => {
    for (const text of impossible) expect(FilterModelSchema.safeParse(dateFilter(text)).success).toBe(false);
    expect(FilterModelSchema.safeParse(dateFilter('2024-02-29 23:59:59')).success).toBe(true);
  });

  it('in an export, its date range and its filters', () => {
    for (const text of impossible) {
      const input = ExportViewInputSchema.safeParse(exportOf({ from: text }));
      expect(input.success).toBe(false);
      expect(messageOf(input)).toContain('is not a real date and time');
      const request = { ...exportOf({}), filterModel: dateFilter(text), out: '/tmp/out.csv' };
      expect(ExportViewRequestSchema.safeParse(request).success).toBe(false);
    }
    expect(ExportViewInputSchema.safeParse(exportOf({ from: '2024-02-29 00:00:00' })).success).toBe(true);
  });

  it('keeps the shape message for text of another shape', () => {
    const result = ClicksBlockRequestSchema.safeParse({
      ...query,
      startRow: 0,
      endRow: 1,
      dateRange: { from: '2025-03-04T09:00' },
    });
    expect(messageOf(result)).toBe('Use YYYY-MM-DD HH:MM:SS.');
  });
});

describe('the old readers, now on the one module', () => {
  it('the fake API: date-only input still reads as midnight, impossible dates throw', () => {
    expect(formatWallClock(parseFakeWallClock('2024-02-29'))).toBe('2024-02-29 00:00:00');
    expect(() => parseFakeWallClock('2025-02-30 10:00:00')).toThrow(RangeError);
    expect(() => parseFakeWallClock('2025-02-29')).toThrow(RangeError);
  });

  it("the window's formats: an impossible date is shown as sent, not rolled into March", () => {
    expect(showWallClock('2025-03-04 09:00:00', 'en-US')).toBe('Mar 4, 2025, 9:00 AM');
    expect(showWallClock('2025-02-30 10:00:00', 'en-US')).toBe('2025-02-30 10:00:00');
    expect(formatWallClockParts('2025-02-30 10:00:00', 'en-US')).toBeNull();
    expect(formatClickTime('2025-02-30 10:00:00')).toBe('2025-02-30 10:00:00');
    expect(formatClickTime('2025-03-04 09:00:00')).not.toBe('2025-03-04 09:00:00');
    expect(bucketLabel('2025-02-30 00:00:00', 'day')).toBe('2025-02-30 00:00:00');
    expect(bucketTitle('2025-02-30 00:00:00', 'day')).toBe('2025-02-30 00:00:00');
  });

  it("the grid's date filter and the period fields: input rule, impossible dates dropped", () => {
    expect(toWallClock('2025-03-05')).toBe('2025-03-05 00:00:00');
    expect(toWallClock('2025-03-04T09:30')).toBe('2025-03-04 09:30:00');
    expect(toWallClock('2025-02-30')).toBeNull();
    expect(toWallClock('2025-03-04 25:00:00')).toBeNull();
    expect(fromInputValue('2025-03-04T09:00')).toBe('2025-03-04 09:00:00');
    expect(fromInputValue('2025-02-29T09:00')).toBeNull();
    expect(toInputValue('2025-03-04 09:00:00')).toBe('2025-03-04T09:00');
    expect(toInputValue('2025-02-30 09:00:00')).toBe('');
  });
});

describe('conversion in the account zone (Europe/Amsterdam)', () => {
  const zone = 'Europe/Amsterdam';

  it('reads the spring gap with the offset from before the jump, as the backend does', () => {
    expect(wallClockToInstant('2024-03-31 02:30:00', zone)).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(addHours('2024-03-30 02:30:00', 24, zone)).toBe('2024-03-31 03:30:00');
  });

  it('takes the first occurrence in the autumn overlap, as the backend does', () => {
    // 02:30 happens twice on 27 October 2024: at 00:30 UTC (summer time) and at 01:30 UTC.
    expect(wallClockToInstant('2024-10-27 02:30:00', zone)).toBe(Date.UTC(2024, 9, 27, 0, 30));
    expect(addHours('2024-10-27 02:30:00', 1, zone)).toBe('2024-10-27 02:30:00');
    expect(addHours('2024-10-27 02:30:00', 2, zone)).toBe('2024-10-27 03:30:00');
    expect(addHours('2024-10-26 02:30:00', 24, zone)).toBe('2024-10-27 02:30:00');
  });

  it('writes the wall clock Intl shows at every hour of a year', () => {
    const parts = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const start = Date.UTC(2024, 0, 1, 0, 17, 5);
    for (let h = 0; h < 366 * 24; h += 5) {
      const instant = start + h * 3_600_000;
      expect(instantToWallClock(instant, zone)).toBe(parts.format(instant));
    }
  });

  it('leaves an instant that is not in an overlap where it was', () => {
    const converter = new ZoneConverter(zone);
    const start = Date.UTC(2024, 0, 1) / 1000;
    for (let h = 0; h < 366 * 24; h += 7) {
      const utc = start + h * 3600;
      const wall = converter.toWall(utc);
      expect(converter.toUtc(wall)).toSatisfy((back: number) => back === utc || back === utc - 3600);
    }
  });
});
