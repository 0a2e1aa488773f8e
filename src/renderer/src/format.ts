import { parseWallClock } from '../../shared/wallClock';

/**
 * How numbers and times are written in the window: always in the user's locale, and with the
 * difference between Copernica's wall-clock times and real instants kept visible.
 */

/** `12,345` in en-US, `12.345` in nl-NL. */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/**
 * Copernica's `YYYY-MM-DD HH:MM:SS` carries no zone, and the user knows it as the time shown in
 * Copernica. It is therefore formatted as the same wall-clock reading (UTC in, UTC out), never
 * shifted into the computer's zone. Text we cannot read is shown as sent.
 */
export function formatWallClock(text: string, locale?: string): string {
  const wall = parseWallClock(text);
  if (wall === null) return text;
  const instant = wall * 1000;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    instant,
  );
}

/**
 * The same reading as formatWallClock, as a date and a time apart (`Mar 4, 2025` and `9:00 AM`),
 * for a narrow column that shows them on two lines; null for text we cannot read.
 */
export function formatWallClockParts(text: string, locale?: string): { date: string; time: string } | null {
  const wall = parseWallClock(text);
  if (wall === null) return null;
  const instant = wall * 1000;
  return {
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(instant),
    time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(instant),
  };
}

/** An instant in the computer's own zone, e.g. `12 Mar 2025, 14:05`. */
export function formatLocalInstant(iso: string, locale?: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}

/** The same, shorter: the year only when it is not this year's, e.g. `Mar 12, 14:05`. */
export function formatLocalInstantShort(iso: string, now: number, locale?: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  const sameYear = new Date(instant).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(instant);
}

const relativeSteps: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** `5 minutes ago`, `yesterday`, `just now`: how long ago an instant was, relative to `now`. */
export function formatRelative(iso: string, now: number, locale?: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  const seconds = Math.round((instant - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of relativeSteps) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  // Under a minute (including a clock slightly ahead of ours) reads as "now" rather than "in 3 seconds".
  return format.format(0, 'second');
}
