/** How grid cells write numbers, shares and Copernica's wall-clock times, in the user's locale. */

import { parseWallClock } from '../../../shared/wallClock';

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
  const wall = parseWallClock(text);
  return wall === null ? text : withSeconds.format(wall * 1000);
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : count.format(value);
}

export function formatShare(value: number): string {
  return percent.format(value);
}
