/** How grid cells write numbers, shares and Copernica's wall-clock times, in the user's locale. */

const wallClockPattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

const withSeconds = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});
const count = new Intl.NumberFormat(undefined);
const percent = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/**
 * A click's time to the second, read as the same wall clock Copernica shows (UTC in, UTC out:
 * never shifted into the computer's zone). Text that is not a wall clock is shown as sent.
 */
export function formatClickTime(text: string | null | undefined): string {
  if (!text) return '';
  const match = wallClockPattern.exec(text);
  if (!match) return text;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return withSeconds.format(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : count.format(value);
}

export function formatShare(value: number): string {
  return percent.format(value);
}
