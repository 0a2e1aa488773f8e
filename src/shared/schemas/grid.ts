/**
 * What the grids ask the backend: AG Grid's own sort and filter models (Community text, number
 * and date filters, also combined with AND/OR), validated here and turned into SQL by the backend
 * over a whitelist of columns. Nothing in a request is ever pasted into SQL.
 */
import { z } from 'zod';
import { filterKind } from './filterKind';
import { clickColumnList } from '../columns/clickColumns';
import { type ColumnSpec, filterableIds, sortableIds } from '../columns/columnSpec';
import { dateFilterTypes, numberFilterTypes, textFilterTypes } from '../columns/filterOperators';
import { linkColumnList } from '../columns/linkColumns';
import { profileColumnList } from '../columns/profileColumns';
import { id, wallClock } from './common';
import { type PROFILE_FIELD_PREFIX, profileFieldOf } from '../columns/profileFieldColumns';
import { FIELD_NAME_PATTERN } from './profiles';

export const sortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirection>;

export const SortModelSchema = z
  .array(z.object({ colId: z.string().max(64), sort: sortDirection }).strict())
  .max(4);
export type SortModel = z.infer<typeof SortModelSchema>;

const textCondition = z.object({
  filterType: z.literal('text'),
  type: z.enum(textFilterTypes),
  filter: z.string().max(1000).nullish(),
});
const numberCondition = z.object({
  filterType: z.literal('number'),
  type: z.enum(numberFilterTypes),
  filter: z.number().nullish(),
  filterTo: z.number().nullish(),
});
/** AG Grid writes dates as `YYYY-MM-DD HH:MM:SS`, the same shape as Copernica's wall clock. */
const dateCondition = z.object({
  filterType: z.literal('date'),
  type: z.enum(dateFilterTypes),
  dateFrom: wallClock.nullish(),
  dateTo: wallClock.nullish(),
});
const condition = z.discriminatedUnion('filterType', [textCondition, numberCondition, dateCondition]);
/** The kinds of AG Grid filter the contract takes. */
export { filterKind, type FilterKind } from './filterKind';
const combined = z.object({
  filterType: filterKind,
  operator: z.enum(['AND', 'OR']),
  conditions: z.array(condition).min(1).max(4),
});

export const ColumnFilterSchema = z.union([combined, condition]);
export type ColumnFilter = z.infer<typeof ColumnFilterSchema>;
export const FilterModelSchema = z.record(z.string().max(64), ColumnFilterSchema);
export type FilterModel = z.infer<typeof FilterModelSchema>;

/** The date-range control above the grids: wall-clock bounds in the account's zone, `to` exclusive. */
export const DateRangeSchema = z.object({ from: wallClock.nullish(), to: wallClock.nullish() }).strict();
export type DateRange = z.infer<typeof DateRangeSchema>;

/**
 * A column ID of one view, checked against that view's list. Typed as any string on the way in
 * (AG Grid's models carry plain strings), one of the view's IDs once parsed.
 */
const columnIdOf = <Id extends string>(ids: [Id, ...Id[]]) => z.string().max(64).pipe(z.enum(ids));

/** One of the view's columns, or a profile field column (who clicked) where the view takes them. */
const columnOrProfileField = <Id extends string>(ids: [Id, ...Id[]]) =>
  z
    .string()
    .max(300)
    .refine(
      (colId) =>
        (ids as string[]).includes(colId) ||
        (profileFieldOf(colId) !== null && FIELD_NAME_PATTERN.test(profileFieldOf(colId) as string)),
      { message: 'Unknown column.' },
    )
    .transform((colId) => colId as Id | `${typeof PROFILE_FIELD_PREFIX}${string}`);

/** A profile field column takes a text filter only (contains, equals, …). */
const profileFieldFilter = (model: Record<string, ColumnFilter>) =>
  Object.entries(model).every(
    ([colId, filter]) => profileFieldOf(colId) === null || filter.filterType === 'text',
  );

/**
 * The sort and filter of one view: only its sortable and its filterable columns, and the
 * profile field columns it filters (`profileFields.filter`) or sorts (`profileFields.sort`) by.
 */
function viewQueryOver(list: readonly ColumnSpec[], profileFields = { filter: false, sort: false }) {
  const sortId = profileFields.sort ? columnOrProfileField(sortableIds(list)) : columnIdOf(sortableIds(list));
  const filterId = profileFields.filter
    ? columnOrProfileField(filterableIds(list))
    : columnIdOf(filterableIds(list));
  return {
    emailingKey: id,
    sortModel: z
      .array(z.object({ colId: sortId, sort: z.enum(['asc', 'desc']) }).strict())
      .max(4)
      .default([]),
    filterModel: z
      .record(filterId, ColumnFilterSchema)
      .refine(profileFieldFilter, { message: 'A profile field takes a text filter.' })
      .default({}),
    dateRange: DateRangeSchema.optional(),
  };
}

const blockRows = {
  startRow: z.number().int().nonnegative(),
  endRow: z.number().int().positive(),
};
const blockSize = {
  check: (r: { startRow: number; endRow: number }) => r.endRow > r.startRow && r.endRow - r.startRow <= 1000,
  message: 'A block is 1 to 1000 rows, with endRow after startRow.',
};

/** The "Leave out suspected bots" switch, for the views over the clicks themselves. */
const botSwitch = { excludeBots: z.boolean().optional() };

export const ClicksBlockRequestSchema = z
  .object({ ...viewQueryOver(clickColumnList, { filter: true, sort: false }), ...blockRows, ...botSwitch })
  .strict()
  .refine(blockSize.check, { message: blockSize.message });

export const ProfilesBlockRequestSchema = z
  .object({ ...viewQueryOver(profileColumnList, { filter: true, sort: true }), ...blockRows })
  .strict()
  .refine(blockSize.check, { message: blockSize.message });

export const LinksRequestSchema = z.object(viewQueryOver(linkColumnList)).strict();

/** The timeline's clicks per wall-clock hour or per day. */
export const timelineBucket = z.enum(['hour', 'day']);
export type TimelineBucket = z.infer<typeof timelineBucket>;

export const TimelineRequestSchema = z
  .object({
    ...viewQueryOver(clickColumnList, { filter: true, sort: false }),
    bucket: timelineBucket,
    ...botSwitch,
  })
  .strict();

/** A view's query as the backend reads it, whatever the view (each checks its own columns). */
export interface ViewRequest {
  emailingKey: number;
  sortModel: SortModel;
  filterModel: FilterModel;
  dateRange?: DateRange | undefined;
  /** Leave out the suspected bots (the clicks grid, the timeline and their exports). */
  excludeBots?: boolean | undefined;
}
export interface BlockRequest extends ViewRequest {
  startRow: number;
  endRow: number;
}
export type TimelineRequest = ViewRequest & { bucket: TimelineBucket };
