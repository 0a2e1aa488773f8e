/**
 * Copernica's times: `YYYY-MM-DD HH:MM:SS` wall-clock text with no zone (the account's time
 * zone, most likely Europe/Amsterdam). Every part of the app reads, checks, writes and converts
 * them here. Internally a wall clock is an integer, "wall seconds": the wall clock read as if it
 * were UTC, which sorts, filters and formats back to the exact text; a real instant is computed
 * with the account's time zone for anything that compares across zones.
 *
 * One rule for the text:
 * - Data (what Copernica sent, the cache, the contract between the processes) is canonical:
 *   exactly `YYYY-MM-DD HH:MM:SS`. parseWallClock reads only that; other text is kept verbatim.
 * - Input a person or a widget wrote (a datetime-local field, AG Grid's date filter, the CLI)
 *   may use `T` or a space before the time, leave out the seconds or the whole time (midnight).
 *   readWallClockInput accepts that and gives the canonical text back.
 * - Either way the date and time must exist: 2025-02-30, month 13, hour 24 or minute 60 are
 *   refused, never rolled over into the next day or month.
 */

const CANONICAL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** The shape of the canonical text, for messages to the user. */
export const WALL_CLOCK_SHAPE = 'YYYY-MM-DD HH:MM:SS';

/** Wall seconds of a date and time, or null when it does not exist (2025-02-30, hour 24). */
function wallSecondsOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2024-02-31 over into March; such a date does not exist.
  const back = new Date(ms);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return null;
  return ms / 1000;
}

/**
 * Wall seconds for a canonical `YYYY-MM-DD HH:MM:SS` text, or null when the text is not one.
 * This runs once per click on ingest: one exec of a module-level regex, no other work.
 */
export function parseWallClock(text: string): number | null {
  const m = CANONICAL.exec(text);
  if (!m) return null;
  return wallSecondsOf(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/**
 * A wall clock as a person or a widget may write it (`2025-03-04`, `2025-03-04T09:30`,
 * `2025-03-04 09:30:15`) as canonical text, or null when it is no such thing or does not exist.
 */
export function readWallClockInput(text: string): string | null {
  const m = INPUT.exec(text);
  if (!m) return null;
  const wall = wallSecondsOf(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return wall === null ? null : formatWallClock(wall);
}

/**
 * Why a text is not a canonical wall clock, in words for the user, or null when it is one. A
 * text of the right shape is quoted (it is short); anything else is not echoed.
 */
export function wallClockProblem(text: string): string | null {
  if (parseWallClock(text) !== null) return null;
  return CANONICAL.test(text)
    ? `${text} is not a real date and time (check the day of the month, the hour and the minutes).`
    : `Use ${WALL_CLOCK_SHAPE}.`;
}

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dateTextByDay = new Map<number, string>();

/**
 * The exact inverse of parseWallClock. Grids, exports and the fake API format millions of these,
 * so the date part is cached per day instead of building a Date per call.
 */
export function formatWallClock(wallSeconds: number): string {
  const day = Math.floor(wallSeconds / 86_400);
  let date = dateTextByDay.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dateTextByDay.size > 100_000) dateTextByDay.clear();
    dateTextByDay.set(day, date);
  }
  const s = wallSeconds - day * 86_400;
  return `${date} ${pad2[Math.floor(s / 3600)]}:${pad2[Math.floor(s / 60) % 60]}:${pad2[s % 60]}`;
}

/**
 * Converts wall seconds in one IANA time zone to UTC seconds and back. Offsets only change at
 * DST transitions, so the offset is cached per wall-clock hour: a million clicks cost a few
 * hundred Intl calls, not a million.
 */
export class ZoneConverter {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsetByWallHour = new Map<number, number>();

  constructor(readonly timeZone: string) {
    // Throws a RangeError for an unknown zone, which callers turn into a clear message.
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The zone's offset from UTC, in seconds, at a UTC instant. */
  offsetAt(utcSeconds: number): number {
    const parts = this.format.formatToParts(new Date(utcSeconds * 1000));
    const get = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return wall / 1000 - utcSeconds;
  }

  /**
   * UTC seconds for a wall-clock time in this zone. In the autumn overlap (a wall time that
   * happens twice) the first occurrence wins; in the spring gap (a wall time that never happens)
   * the time is read with the offset from before the jump, as most calendars do.
   */
  toUtc(wallSeconds: number): number {
    const hour = Math.floor(wallSeconds / 3600);
    let offset = this.offsetByWallHour.get(hour);
    if (offset === undefined) {
      offset = this.resolveOffset(hour * 3600);
      this.offsetByWallHour.set(hour, offset);
    }
    return wallSeconds - offset;
  }

  /** The wall clock (in wall seconds) this zone shows at a UTC instant. */
  toWall(utcSeconds: number): number {
    return utcSeconds + this.offsetAt(utcSeconds);
  }

  private resolveOffset(wallSeconds: number): number {
    // Offsets of the two instants an hour either side bound the answer; try the larger first so
    // that in an overlap the earlier instant is chosen.
    const before = this.offsetAt(wallSeconds - 7200);
    const after = this.offsetAt(wallSeconds + 7200);
    const candidates = before >= after ? [before, after] : [after, before];
    for (const offset of candidates) {
      if (this.offsetAt(wallSeconds - offset) === offset) return offset;
    }
    return before;
  }
}

const converters = new Map<string, ZoneConverter>();
function converterFor(zone: string): ZoneConverter {
  let converter = converters.get(zone);
  if (!converter) {
    converter = new ZoneConverter(zone);
    converters.set(zone, converter);
  }
  return converter;
}

/** The instant (milliseconds) a canonical wall clock names in `zone`, by ZoneConverter's rules. */
export function wallClockToInstant(text: string, zone: string): number | null {
  const wall = parseWallClock(text);
  return wall === null ? null : converterFor(zone).toUtc(wall) * 1000;
}

/** The canonical wall clock in `zone` at an instant (milliseconds; the fraction of a second is dropped). */
export function instantToWallClock(instant: number, zone: string): string {
  return formatWallClock(converterFor(zone).toWall(Math.floor(instant / 1000)));
}

/**
 * The wall clock `hours` real hours after a canonical one, in `zone`: "the first 24 hours" is 24
 * hours even across a daylight-saving change. Null when the text is not a wall clock.
 */
export function addHours(text: string, hours: number, zone: string): string | null {
  const instant = wallClockToInstant(text, zone);
  return instant === null ? null : instantToWallClock(instant + hours * 3_600_000, zone);
}
