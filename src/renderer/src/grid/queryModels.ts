/**
 * AG Grid's sort and filter models as the contract accepts them. The grid's own objects carry
 * more than the contract allows (and, for dates, can use other separators), and the contract is
 * strict, so they are rebuilt field by field rather than passed through.
 */
import type {
  SortModel,
  FilterModel,
  ColumnFilter,
  FilterKind,
  SortDirection,
} from '../../../shared/schemas/grid';
import { readWallClockInput } from '../../../shared/wallClock';

/** The contract takes up to four sort columns: the first four the user chose win. */
export function toSortModel(items: ReadonlyArray<{ colId: string; sort: SortDirection }>): SortModel {
  return items.slice(0, 4).map(({ colId, sort }) => ({ colId, sort }));
}

type AnyCondition = Record<string, unknown>;

/**
 * `2025-03-04`, `2025-03-04T09:00` or `2025-03-04 09:00:00` → `2025-03-04 09:00:00` (the schema's
 * wall clock); null for anything else, a date that does not exist included.
 */
export function toWallClock(value: unknown): string | null {
  return typeof value === 'string' ? readWallClockInput(value) : null;
}

function condition(raw: AnyCondition): ColumnFilter | null {
  switch (raw.filterType) {
    case 'text':
      return {
        filterType: 'text',
        type: raw.type as never,
        filter: typeof raw.filter === 'string' ? raw.filter : null,
      };
    case 'number':
      return {
        filterType: 'number',
        type: raw.type as never,
        filter: typeof raw.filter === 'number' ? raw.filter : null,
        filterTo: typeof raw.filterTo === 'number' ? raw.filterTo : null,
      };
    case 'date':
      return {
        filterType: 'date',
        type: raw.type as never,
        dateFrom: toWallClock(raw.dateFrom),
        dateTo: toWallClock(raw.dateTo),
      };
    default:
      return null;
  }
}

export function toFilterModel(model: Record<string, unknown> | null | undefined): FilterModel {
  const result: FilterModel = {};
  for (const [colId, raw] of Object.entries(model ?? {})) {
    if (typeof raw !== 'object' || raw === null) continue;
    const entry = raw as AnyCondition;
    if (Array.isArray(entry.conditions)) {
      const conditions = (entry.conditions as AnyCondition[])
        .map(condition)
        .filter((c): c is Exclude<ColumnFilter, { operator: unknown }> => c !== null && !('operator' in c));
      if (conditions.length === 0) continue;
      result[colId] = {
        filterType: entry.filterType as FilterKind,
        operator: entry.operator === 'OR' ? 'OR' : 'AND',
        conditions: conditions.slice(0, 4),
      };
    } else {
      const single = condition(entry);
      if (single) result[colId] = single;
    }
  }
  return result;
}

export function hasFilters(model: FilterModel): boolean {
  return Object.keys(model).length > 0;
}
