/**
 * The grid's filter model turned into SQL, against generated models with hostile strings: each
 * is refused by the request schema, refused with a clear AppError, or becomes SQL that runs on a
 * real migrated database, with every value a bound parameter and no input text in the SQL.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/backend/db/open';
import { clickColumnSql } from '../../src/backend/views/clickColumns';
import { type ColumnSql, filterModelSql } from '../../src/backend/views/filterSql';
import {
  dateFilterTypes,
  numberFilterTypes,
  textFilterTypes,
} from '../../src/shared/columns/filterOperators';
import { AppError } from '../../src/shared/errors';
import { type FilterModel, FilterModelSchema } from '../../src/shared/schemas/grid';

const RUNS = 10_000;
const columns = clickColumnSql as Record<string, ColumnSql>;

const db = openDatabase(':memory:');
db.exec(`
  INSERT INTO accounts (id, label, api_base, remote_id, created_at)
    VALUES (1, 'a', 'http://127.0.0.1/v2', 1, '2024-01-01');
  INSERT INTO emailings (id, account_id, remote_id) VALUES (1, 1, 1);
  INSERT INTO links (id, emailing_id, link_id, url, title)
    VALUES (1, 1, 10, 'https://example.com/%_\\', 'O''Brien; DROP TABLE clicks; --');
  INSERT INTO texts (id, value) VALUES (1, 'Mozilla/5.0'), (2, '');
  INSERT INTO clicks (emailing_id, id, link, ts_local, ip, user_agent, referer, profile)
    VALUES (1, 1, 1, 1704067200, '10.0.0.1', 1, 2, 5), (1, 2, NULL, NULL, NULL, NULL, NULL, NULL);
`);
afterAll(() => db.close());

/** Strings chosen to break out of a LIKE or a quoted literal, and any others. */
const hostile = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE clicks; --",
    "' OR 1=1 --",
    '%',
    '_',
    '\\',
    '\\%',
    '"',
    '?',
    '?1',
    ':name',
    '$1',
    '*/',
    '\u0000',
    'x'.repeat(1000),
    'c.ip',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const wallClock = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2200-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 19).replace('T', ' ')),
  },
  // The schema's shape with impossible values, and anything at all.
  {
    weight: 1,
    arbitrary: fc.constantFrom('2024-13-45 99:99:99', '0000-00-00 00:00:00', '9999-12-31 23:59:59'),
  },
  { weight: 1, arbitrary: hostile },
);
const number = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Infinity) },
);
// The operators the grid offers for each kind of filter, as the column lists define them.
const textTypes: readonly string[] = textFilterTypes;
const numberTypes: readonly string[] = numberFilterTypes;
const dateTypes: readonly string[] = dateFilterTypes;
/** Mostly a type of the filter's kind, sometimes another kind's or any string. */
const type = (own: readonly string[]) =>
  fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...own) },
    { weight: 1, arbitrary: fc.constantFrom(...textTypes, ...numberTypes) },
    { weight: 1, arbitrary: hostile },
  );

const conditionOf = {
  text: fc.record({
    filterType: fc.constant('text'),
    type: type(textTypes),
    filter: fc.option(hostile, { freq: 10 }),
  }),
  number: fc.record({
    filterType: fc.constant('number'),
    type: type(numberTypes),
    filter: fc.option(number, { freq: 10 }),
    filterTo: fc.option(number, { freq: 10 }),
  }),
  date: fc.record({
    filterType: fc.constant('date'),
    type: type(dateTypes),
    dateFrom: fc.option(wallClock, { freq: 10 }),
    dateTo: fc.option(wallClock, { freq: 10 }),
  }),
};
const anyCondition = fc.oneof(conditionOf.text, conditionOf.number, conditionOf.date);

/** Mostly a filter of the column's kind, alone or combined; sometimes one of another kind. */
function filterFor(kind: Exclude<ColumnSql['kind'], 'none'>) {
  const condition = fc.oneof(
    { weight: 9, arbitrary: conditionOf[kind] },
    { weight: 1, arbitrary: anyCondition },
  );
  return fc.oneof(
    condition,
    fc.record({
      filterType: fc.constant(kind),
      operator: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom('AND', 'OR') },
        { weight: 1, arbitrary: hostile },
      ),
      conditions: fc.oneof(
        { weight: 9, arbitrary: fc.array(condition, { minLength: 1, maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(condition, { minLength: 0, maxLength: 6 }) },
      ),
    }),
  );
}

const knownColumn = fc
  .constantFrom(...Object.keys(columns))
  .chain((key) =>
    fc.tuple(fc.constant(key), filterFor((columns[key] as ColumnSql).kind as 'text' | 'number' | 'date')),
  );
const unknownColumn = fc.tuple(
  fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'c.id'), hostile),
  fc.oneof(filterFor('text'), filterFor('number')),
);
const model = fc
  .array(fc.oneof({ weight: 12, arbitrary: knownColumn }, { weight: 1, arbitrary: unknownColumn }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((entries) => Object.fromEntries(entries) as unknown);

/** The same model with every value a user typed replaced by a fixed one. */
function neutral(model: FilterModel): FilterModel {
  const fix = (c: Record<string, unknown>) => ({
    ...c,
    ...(typeof c.filter === 'string' ? { filter: 'x' } : {}),
    ...(typeof c.filter === 'number' ? { filter: 1 } : {}),
    ...(typeof c.filterTo === 'number' ? { filterTo: 2 } : {}),
    ...(typeof c.dateFrom === 'string' ? { dateFrom: '2024-01-01 00:00:00' } : {}),
    ...(typeof c.dateTo === 'string' ? { dateTo: '2024-02-01 00:00:00' } : {}),
  });
  return Object.fromEntries(
    Object.entries(model).map(([key, filter]) => [
      key,
      'operator' in filter ? { ...filter, conditions: filter.conditions.map(fix) } : fix(filter),
    ]),
  ) as FilterModel;
}

describe('filterModelSql with generated filter models', () => {
  it('refuses clearly or builds SQL that runs, with only bound parameters', () => {
    const outcomes = { schemaRefused: 0, appError: 0, ran: 0 };
    fc.assert(
      fc.property(model, (raw) => {
        const parsed = FilterModelSchema.safeParse(raw);
        if (!parsed.success) {
          outcomes.schemaRefused++;
          return;
        }
        let where;
        try {
          where = filterModelSql(parsed.data, columns);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('invalid_input');
          expect((error as AppError).message.length).toBeGreaterThan(10);
          outcomes.appError++;
          return;
        }
        const sql = where.sql === '' ? '1' : where.sql;
        expect(() =>
          db.prepare(`SELECT count(*) AS n FROM clicks c WHERE ${sql}`).get(...where.params),
        ).not.toThrow();
        expect(sql.split('?').length - 1).toBe(where.params.length);
        for (const p of where.params) expect(['string', 'number']).toContain(typeof p);
        // The SQL does not depend on what the user typed: all of that is in the parameters.
        expect(filterModelSql(neutral(parsed.data), columns).sql).toBe(where.sql);
        outcomes.ran++;
      }),
      { numRuns: RUNS },
    );
    console.log(
      `filterModelSql: ${RUNS} inputs: ${outcomes.ran} ran on the database, ${outcomes.appError} refused with an AppError, ${outcomes.schemaRefused} refused by the schema`,
    );
    // The generator must reach the SQL often, or the property proves little.
    expect(outcomes.ran).toBeGreaterThan(RUNS / 3);
  });
});
