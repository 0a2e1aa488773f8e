/**
 * Paging the clicks grid. A page's click IDs are found first, on a covering index and without
 * touching the wide rows (an OFFSET of half a million then costs tens of milliseconds, not
 * seconds); only the rows shown are then read and joined to their link and texts. CROSS JOIN
 * keeps that loop order.
 */
import { selectClickRows } from './clickRows';

/**
 * One page of rows walked on `index` (null: the primary key, for click-ID order): `where`
 * follows `c.emailing_id = ?` (empty, or starting with AND), the parameters are the emailing,
 * the where's, then LIMIT and OFFSET. The planner's statistics can talk it into sorting the
 * whole emailing; the named index, walked on its click IDs, is always the right plan here.
 */
export function clickPageSql(index: string | null, where: string, order: string): string {
  const pageIds =
    `SELECT c.emailing_id, c.id, row_number() OVER () AS position FROM (SELECT emailing_id, id FROM clicks AS c ` +
    `${index ? `INDEXED BY ${index} ` : ''}WHERE c.emailing_id = ?${where} ORDER BY ${order} LIMIT ? OFFSET ?) AS c`;
  return selectClickRows(
    `(${pageIds}) AS p
  CROSS JOIN clicks AS c ON c.emailing_id = p.emailing_id AND c.id = p.id`,
    'ORDER BY p.position',
  );
}

/** The rows of the given click IDs of an emailing (two parameters: the emailing, the IDs as JSON). */
export const CLICKS_BY_ID_SQL = selectClickRows(
  'clicks AS c',
  'WHERE c.emailing_id = ? AND c.id IN (SELECT value FROM json_each(?))',
);

/** Positions [start, end) of a list of click IDs kept in ascending order, read either way. */
export function sliceOfOrder(order: Float64Array, start: number, end: number, descending: boolean): number[] {
  const ids: number[] = [];
  for (let i = start; i < end; i++) ids.push(order[descending ? order.length - 1 - i : i] as number);
  return ids;
}
