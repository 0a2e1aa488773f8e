import { describe, expect, it } from 'vitest';
import { describeFilter, describePeriod } from '../../src/renderer/src/grid/filterChips';

describe('describeFilter', () => {
  it('says a text, number or date filter in words', () => {
    expect(describeFilter('Link title', { filterType: 'text', type: 'contains', filter: 'fiets' })).toBe(
      'Link title contains “fiets”',
    );
    expect(
      describeFilter('Profile', { filterType: 'number', type: 'inRange', filter: 10, filterTo: 20 }),
    ).toBe('Profile is between 10 and 20');
    expect(describeFilter('Referer', { filterType: 'text', type: 'blank', filter: null })).toBe(
      'Referer is empty',
    );
    expect(
      describeFilter('Clicked at', { filterType: 'date', type: 'lessThan', dateFrom: '2025-03-04 09:00:00' }),
    ).toMatch(/^Clicked at is before Mar 4, 2025/);
  });

  it('joins two conditions with their operator', () => {
    expect(
      describeFilter('Profile', {
        filterType: 'number',
        operator: 'OR',
        conditions: [
          { filterType: 'number', type: 'equals', filter: 1 },
          { filterType: 'number', type: 'equals', filter: 2 },
        ],
      }),
    ).toBe('Profile is 1 or is 2');
  });
});

describe('describePeriod', () => {
  it('says the end is not included, and nothing for the whole emailing', () => {
    expect(describePeriod({ from: '2025-03-04 09:00:00', to: '2025-03-05 09:00:00' })).toMatch(
      /^Period: Mar 4, 2025.* to Mar 5, 2025.* \(not included\)$/,
    );
    expect(describePeriod({ from: '2025-03-04 09:00:00', to: null })).toMatch(/^Period: from Mar 4, 2025/);
    expect(describePeriod({ from: null, to: '2025-03-05 09:00:00' })).toMatch(/^Period: before Mar 5, 2025/);
    expect(describePeriod({ from: null, to: null })).toBeNull();
  });
});
