/**
 * Numbers, rates and times in a report, in the locale chosen for it (nl-NL: 12.345 and 4,5 %;
 * en-US: 12,345 and 4.5%). A figure Copernica did not give is "—", never 0. Copernica's
 * wall-clock times are written as the same reading (UTC in, UTC out), never shifted.
 */
import type { NumberLocale } from '../../shared/schemas/report';
import { parseWallClock } from '../../shared/wallClock';

export const MISSING = '—';

export class ReportFormat {
  private readonly count: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;
  private readonly dateTime: Intl.DateTimeFormat;
  private readonly date: Intl.DateTimeFormat;
  private readonly shortDate: Intl.DateTimeFormat;
  private readonly hour: Intl.DateTimeFormat;

  constructor(readonly locale: NumberLocale) {
    this.count = new Intl.NumberFormat(locale);
    this.percent = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const utc = { timeZone: 'UTC' } as const;
    this.dateTime = new Intl.DateTimeFormat(locale, { ...utc, dateStyle: 'medium', timeStyle: 'short' });
    this.date = new Intl.DateTimeFormat(locale, { ...utc, dateStyle: 'medium' });
    this.shortDate = new Intl.DateTimeFormat(locale, { ...utc, day: 'numeric', month: 'short' });
    this.hour = new Intl.DateTimeFormat(locale, { ...utc, hour: 'numeric', minute: '2-digit' });
  }

  countOf(value: number | null | undefined): string {
    return value === null || value === undefined ? MISSING : this.count.format(value);
  }

  /** A rate given as a fraction (0.045 → 4.5%). */
  rateOf(value: number | null | undefined): string {
    return value === null || value === undefined || !Number.isFinite(value)
      ? MISSING
      : this.percent.format(value);
  }

  /**
   * A wall-clock text or wall seconds as date and time in the zone it reads in, which it names
   * ("26 okt 2024, 21:53 Europe/Amsterdam"; null where a table's header names it); text we
   * cannot read is shown as sent.
   */
  wallClock(value: string | number | null, timeZone: string | null): string {
    const seconds = typeof value === 'string' ? parseWallClock(value) : value;
    if (seconds === null) return typeof value === 'string' ? value : MISSING;
    const time = this.dateTime.format(seconds * 1000);
    return timeZone === null ? time : `${time} ${timeZone}`;
  }

  wallDate(seconds: number): string {
    return this.date.format(seconds * 1000);
  }

  wallShortDate(seconds: number): string {
    return this.shortDate.format(seconds * 1000);
  }

  wallHour(seconds: number): string {
    return this.hour.format(seconds * 1000);
  }

  /** An ISO instant in the account's zone, which it names. */
  instant(iso: string | null, timeZone: string): string {
    if (iso === null) return MISSING;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    const time = new Intl.DateTimeFormat(this.locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    return `${time.format(ms)} ${timeZone}`;
  }
}
