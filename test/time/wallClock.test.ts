import { describe, expect, it } from 'vitest';
import { ZoneConverter, formatWallClock, parseWallClock } from '../../src/backend/time/wallClock';

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
