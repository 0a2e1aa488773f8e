/**
 * What narrows a grid, in words, one chip each: the period above the views and every column
 * filter. A filter set in a floating filter row scrolled out of view, or a period set on another
 * tab, is otherwise easy to forget while the counts look wrong.
 */
import type { ColumnFilter, DateRange } from '../../../shared/schemas/grid';
import { formatWallClock } from '../format';

type Condition = Exclude<ColumnFilter, { operator: unknown }>;

const operatorWords: Record<string, string> = {
  contains: 'contains',
  notContains: 'does not contain',
  equals: 'is',
  notEqual: 'is not',
  startsWith: 'starts with',
  endsWith: 'ends with',
  blank: 'is empty',
  notBlank: 'is not empty',
  lessThan: 'is less than',
  lessThanOrEqual: 'is at most',
  greaterThan: 'is more than',
  greaterThanOrEqual: 'is at least',
  inRange: 'is between',
};

/** Dates read before and after, not less and more. */
const dateOperatorWords: Record<string, string> = {
  ...operatorWords,
  equals: 'is on',
  notEqual: 'is not on',
  lessThan: 'is before',
  greaterThan: 'is after',
};

function describeCondition(condition: Condition): string {
  const words = (condition.filterType === 'date' ? dateOperatorWords : operatorWords)[condition.type] ?? '';
  if (condition.type === 'blank' || condition.type === 'notBlank') return words;
  switch (condition.filterType) {
    case 'text':
      return `${words} “${condition.filter ?? ''}”`;
    case 'number':
      return condition.type === 'inRange'
        ? `${words} ${condition.filter ?? '…'} and ${condition.filterTo ?? '…'}`
        : `${words} ${condition.filter ?? '…'}`;
    case 'date': {
      const when = (text: string | null | undefined) => (text ? formatWallClock(text) : '…');
      return condition.type === 'inRange'
        ? `${words} ${when(condition.dateFrom)} and ${when(condition.dateTo)}`
        : `${words} ${when(condition.dateFrom)}`;
    }
  }
}

/** `Link title contains “fiets”`, `Profile is 1000001 or is 1000002`. */
export function describeFilter(header: string, filter: ColumnFilter): string {
  if ('operator' in filter) {
    const joiner = filter.operator === 'OR' ? ' or ' : ' and ';
    return `${header} ${filter.conditions.map((c) => describeCondition(c as Condition)).join(joiner)}`;
  }
  return `${header} ${describeCondition(filter)}`;
}

/** The period as a chip says it; the end is exclusive, as the control says beside its field. */
export function describePeriod(range: DateRange): string | null {
  const from = range.from ? formatWallClock(range.from) : null;
  const to = range.to ? formatWallClock(range.to) : null;
  if (from && to) return `Period: ${from} to ${to} (not included)`;
  if (from) return `Period: from ${from}`;
  if (to) return `Period: before ${to}`;
  return null;
}
