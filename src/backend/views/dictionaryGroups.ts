/**
 * Sorting on a column whose text lives in a dictionary (link URL and title, user agent,
 * referer): the click rows hold a reference, so the distinct references are put in the order
 * of their text, and the grid is read group by group, each in click-ID order.
 */
import type { SortKind } from './clickColumns';
import type { StatementCache } from './statementCache';

export interface Group {
  key: number | null;
  value: string | number | null;
  count: number;
}

/** Dictionary references with their counts, put in the order of their text. */
export function orderGroups(
  statements: StatementCache,
  sort: Extract<SortKind, { kind: 'dictionary' }>,
  counted: { k: number | null; n: number }[],
): Group[] {
  const keys = counted.filter((g) => g.k !== null).map((g) => g.k);
  const values = new Map(
    (
      statements.get(`${sort.valueSql} (SELECT value FROM json_each(?))`).all(JSON.stringify(keys)) as {
        k: number;
        v: string | number | null;
      }[]
    ).map((r) => [r.k, r.v]),
  );
  const groups: Group[] = counted.map((g) => ({
    key: g.k,
    value: g.k === null ? null : (values.get(g.k) ?? null),
    count: g.n,
  }));
  return groups.sort(compareGroups);
}

/** The condition on a group's reference and its parameters. */
export function groupMatch(
  sort: Extract<SortKind, { kind: 'dictionary' }>,
  group: Group,
): { sql: string; params: number[] } {
  return group.key === null
    ? { sql: `c.${sort.ref} IS NULL`, params: [] }
    : { sql: `c.${sort.ref} = ?`, params: [group.key] };
}

/** SQLite's order: NULL first, numbers before text, text by code point; ties by reference. */
function compareGroups(a: Group, b: Group): number {
  if (a.value !== b.value) {
    if (a.value === null) return -1;
    if (b.value === null) return 1;
    if (typeof a.value !== typeof b.value) return typeof a.value === 'number' ? -1 : 1;
    return a.value < b.value ? -1 : 1;
  }
  return (a.key ?? -1) - (b.key ?? -1);
}
