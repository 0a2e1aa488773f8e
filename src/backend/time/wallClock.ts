/**
 * Copernica sends times as `YYYY-MM-DD HH:MM:SS` wall-clock text with no zone (most likely
 * Europe/Amsterdam). The cache keeps that wall clock as an integer ("wall seconds": the wall
 * clock read as if it were UTC), which sorts, filters and formats back to the exact text, and a
 * real UTC instant computed with the account's time zone for anything that compares across zones.
 */

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Wall seconds for a canonical `YYYY-MM-DD HH:MM:SS` text, or null when the text is not one. */
export function parseWallClock(text: string): number | null {
  const m = WALL_CLOCK.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2024-02-31 over into March; such a text must not pass as canonical.
  const back = new Date(ms);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return null;
  return ms / 1000;
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
 * Converts wall seconds in one IANA time zone to UTC seconds. Offsets only change at DST
 * transitions, so the offset is cached per wall-clock hour: a million clicks cost a few hundred
 * Intl calls, not a million.
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
