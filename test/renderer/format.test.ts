import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatLocalInstant,
  formatLocalInstantShort,
  formatRelative,
  formatWallClock,
  formatWallClockParts,
} from '../../src/renderer/src/format';

describe('formatCount', () => {
  it('groups digits as the locale does', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatCount(1234567, 'nl-NL')).toBe('1.234.567');
  });
});

describe('formatWallClock', () => {
  it("shows Copernica's wall-clock reading without shifting it into the computer's zone", () => {
    // Whatever zone the test runs in, 09:00 in Copernica stays 09:00 on screen.
    expect(formatWallClock('2025-03-04 09:00:00', 'en-US')).toBe('Mar 4, 2025, 9:00 AM');
    expect(formatWallClock('2025-03-04 23:30:00', 'nl-NL')).toBe('4 mrt 2025, 23:30');
  });

  it('shows text it cannot read as sent', () => {
    expect(formatWallClock('0000-00-00', 'en-US')).toBe('0000-00-00');
  });
});

describe('formatWallClockParts', () => {
  it('splits the same unshifted reading into a date and a time', () => {
    expect(formatWallClockParts('2025-03-04 23:30:00', 'en-US')).toEqual({
      date: 'Mar 4, 2025',
      time: '11:30 PM',
    });
    expect(formatWallClockParts('2025-03-04 23:30:00', 'nl-NL')).toEqual({
      date: '4 mrt 2025',
      time: '23:30',
    });
  });

  it('gives up on text it cannot read', () => {
    expect(formatWallClockParts('yesterday', 'en-US')).toBeNull();
  });
});

describe('formatLocalInstant', () => {
  it('reads an ISO instant and shows it in the given locale', () => {
    expect(formatLocalInstant('2025-03-05T08:00:00.000Z', 'en-US')).toMatch(
      /^Mar 5, 2025, \d{1,2}:00 [AP]M$/,
    );
  });
});

describe('formatLocalInstantShort', () => {
  it('leaves out the year of this year, and keeps it otherwise', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(formatLocalInstantShort('2025-03-05T08:00:00.000Z', now, 'en-US')).toMatch(
      /^Mar 5, \d{1,2}:00\s?[AP]M$/,
    );
    expect(formatLocalInstantShort('2024-03-05T08:00:00.000Z', now, 'en-US')).toMatch(/^Mar 5, 2024/);
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-03-05T12:00:00.000Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it.each([
    [20, 'now'],
    [-5, 'now'],
    [90, '1 minute ago'],
    [3 * 3600, '3 hours ago'],
    [26 * 3600, 'yesterday'],
    [10 * 86400, 'last week'],
    [400 * 86400, 'last year'],
  ])('%i seconds ago reads as "%s"', (seconds, expected) => {
    expect(formatRelative(ago(seconds), now, 'en-US')).toBe(expected);
  });
});
