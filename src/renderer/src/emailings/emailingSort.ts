/**
 * The emailing list sorted by one of its columns, in the window: an account has hundreds of
 * emailings, not millions, and the list is already in memory. A missing value (not sent, no
 * count, never refreshed) sorts last in both directions, so that sorting by clicks puts the
 * emailings with the most clicks, not the unknown ones, at the top.
 */
import type { EmailingListItem } from '../../../shared/schemas/emailings';
import type { RateId } from '../../../shared/schemas/figures';

export type EmailingSortKey =
  | 'subject'
  | 'sentAt'
  | 'destinations'
  | 'reportedClicks'
  | 'impressions'
  | 'clickCount'
  | 'lastRefreshedAt'
  | `rate:${RateId}`;

export interface EmailingSort {
  key: EmailingSortKey;
  direction: 'ascending' | 'descending';
}

type Value = string | number | null;

/** An empty subject is no subject: it sorts with the missing ones. */
export function subjectOf(emailing: EmailingListItem): string | null {
  const subject = emailing.subject?.trim();
  return subject ? subject : null;
}

function valueOf(emailing: EmailingListItem, key: EmailingSortKey): Value {
  if (key.startsWith('rate:')) return emailing.rates?.[key.slice(5) as RateId] ?? null;
  switch (key) {
    case 'subject':
      return subjectOf(emailing);
    case 'sentAt':
      // Copernica's `YYYY-MM-DD HH:MM:SS` sorts as text in time order.
      return emailing.sentAt;
    case 'lastRefreshedAt':
      return emailing.lastRefreshedAt;
    default:
      return emailing[key as 'destinations' | 'reportedClicks' | 'impressions' | 'clickCount'];
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A sorted copy; ties keep the list's own order (newest sent first, as the backend answers). */
export function sortEmailings(
  emailings: readonly EmailingListItem[],
  sort: EmailingSort | null,
): EmailingListItem[] {
  if (!sort) return [...emailings];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return emailings
    .map((emailing, index) => ({ emailing, index, value: valueOf(emailing, sort.key) }))
    .sort((x, y) => {
      if (x.value === null || y.value === null) {
        if (x.value === y.value) return x.index - y.index;
        return x.value === null ? 1 : -1;
      }
      return sign * compare(x.value, y.value) || x.index - y.index;
    })
    .map((entry) => entry.emailing);
}

/**
 * The next sort after a click on a column's header: numbers and dates start with the largest
 * and newest (what one looks for), text from A; a third click goes back to the list's order.
 */
export function nextSort(current: EmailingSort | null, key: EmailingSortKey): EmailingSort | null {
  const first = key === 'subject' ? 'ascending' : 'descending';
  if (current?.key !== key) return { key, direction: first };
  if (current.direction === first)
    return { key, direction: first === 'ascending' ? 'descending' : 'ascending' };
  return null;
}
