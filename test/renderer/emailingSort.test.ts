import { describe, expect, it } from 'vitest';
import { nextSort, sortEmailings, subjectOf } from '../../src/renderer/src/emailings/emailingSort';
import type { EmailingListItem } from '../../src/shared/schemas/emailings';

function emailing(key: number, fields: Partial<EmailingListItem>): EmailingListItem {
  return {
    key,
    accountId: 1,
    emailingId: 9000 + key,
    subject: `Emailing ${key}`,
    sentAt: null,
    destinations: null,
    reportedClicks: null,
    impressions: null,
    tracked: false,
    clickCount: 0,
    lastRefreshedAt: null,
    lastError: null,
    syncing: false,
    ...fields,
  };
}

const list = [
  emailing(1, { subject: 'Zomeractie', clickCount: 10, sentAt: '2025-06-01 09:00:00', reportedClicks: 12 }),
  emailing(2, { subject: 'april nieuws', clickCount: 300, sentAt: '2025-04-01 09:00:00' }),
  emailing(3, { subject: '', clickCount: 0, sentAt: null, reportedClicks: 500 }),
  emailing(4, { subject: 'Émile', clickCount: 300, sentAt: '2025-05-01 09:00:00', reportedClicks: 40 }),
];
const keys = (items: EmailingListItem[]) => items.map((e) => e.key);

describe('sortEmailings', () => {
  it('keeps the list order without a sort', () => {
    expect(keys(sortEmailings(list, null))).toEqual([1, 2, 3, 4]);
  });

  it('sorts counts both ways, ties in list order', () => {
    expect(keys(sortEmailings(list, { key: 'clickCount', direction: 'descending' }))).toEqual([2, 4, 1, 3]);
    expect(keys(sortEmailings(list, { key: 'clickCount', direction: 'ascending' }))).toEqual([3, 1, 2, 4]);
  });

  it('puts missing values last in both directions', () => {
    expect(keys(sortEmailings(list, { key: 'reportedClicks', direction: 'descending' }))).toEqual([
      3, 4, 1, 2,
    ]);
    expect(keys(sortEmailings(list, { key: 'reportedClicks', direction: 'ascending' }))).toEqual([
      1, 4, 3, 2,
    ]);
    expect(keys(sortEmailings(list, { key: 'sentAt', direction: 'ascending' }))).toEqual([2, 4, 1, 3]);
  });

  it('sorts subjects as words (case and accents aside), an empty subject last', () => {
    expect(keys(sortEmailings(list, { key: 'subject', direction: 'ascending' }))).toEqual([2, 4, 1, 3]);
    expect(subjectOf(list[2]!)).toBeNull();
  });
});

describe('nextSort', () => {
  it('starts numbers with the largest, text with A, and a third click clears', () => {
    const first = nextSort(null, 'clickCount');
    expect(first).toEqual({ key: 'clickCount', direction: 'descending' });
    const second = nextSort(first, 'clickCount');
    expect(second).toEqual({ key: 'clickCount', direction: 'ascending' });
    expect(nextSort(second, 'clickCount')).toBeNull();
    expect(nextSort(second, 'subject')).toEqual({ key: 'subject', direction: 'ascending' });
  });
});
