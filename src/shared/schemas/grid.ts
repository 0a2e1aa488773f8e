/**
 * What the grids ask the backend: AG Grid's own sort and filter models (Community text, number
 * and date filters, also combined with AND/OR), validated here and turned into SQL by the backend
 * over a whitelist of columns. Nothing in a request is ever pasted into SQL.
 */
import { z } from 'zod';
import { id, wallClock } from './common';

export const sortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirection>;

export const SortModelSchema = z
  .array(z.object({ colId: z.string().max(64), sort: sortDirection }).strict())
  .max(4);
export type SortModel = z.infer<typeof SortModelSchema>;

const textCondition = z.object({
  filterType: z.literal('text'),
  type: z.enum([
    'contains',
    'notContains',
    'equals',
    'notEqual',
    'startsWith',
    'endsWith',
    'blank',
    'notBlank',
  ]),
  filter: z.string().max(1000).nullish(),
});
const numberCondition = z.object({
  filterType: z.literal('number'),
  type: z.enum([
    'equals',
    'notEqual',
    'lessThan',
    'lessThanOrEqual',
    'greaterThan',
    'greaterThanOrEqual',
    'inRange',
    'blank',
    'notBlank',
  ]),
  filter: z.number().nullish(),
  filterTo: z.number().nullish(),
});
/** AG Grid writes dates as `YYYY-MM-DD HH:MM:SS`, the same shape as Copernica's wall clock. */
const dateCondition = z.object({
  filterType: z.literal('date'),
  type: z.enum(['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank']),
  dateFrom: wallClock.nullish(),
  dateTo: wallClock.nullish(),
});
const condition = z.discriminatedUnion('filterType', [textCondition, numberCondition, dateCondition]);
/** The kinds of AG Grid filter the contract takes. */
export const filterKind = z.enum(['text', 'number', 'date']);
export type FilterKind = z.infer<typeof filterKind>;
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

const viewQuery = {
  emailingKey: id,
  sortModel: SortModelSchema.default([]),
  filterModel: FilterModelSchema.default({}),
  dateRange: DateRangeSchema.optional(),
};

export const BlockRequestSchema = z
  .object({
    ...viewQuery,
    startRow: z.number().int().nonnegative(),
    endRow: z.number().int().positive(),
  })
  .strict()
  .refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= 1000, {
    message: 'A block is 1 to 1000 rows, with endRow after startRow.',
  });
export type BlockRequest = z.infer<typeof BlockRequestSchema>;

export const ViewRequestSchema = z.object(viewQuery).strict();
export type ViewRequest = z.infer<typeof ViewRequestSchema>;

/** The timeline's clicks per wall-clock hour or per day. */
export const timelineBucket = z.enum(['hour', 'day']);
export type TimelineBucket = z.infer<typeof timelineBucket>;

export const TimelineRequestSchema = z.object({ ...viewQuery, bucket: timelineBucket }).strict();
export type TimelineRequest = z.infer<typeof TimelineRequestSchema>;
