import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { clicksPerHour } from '../../src/backend/report/clicksPerHour';
import { andScope, parseScope, type ParsedScope } from '../../src/backend/report/scopeSql';
import type { ReportScope } from '../../src/shared/schemas/report';
import { SENT_44, useReportCache } from './reportSeed';

const cache = useReportCache();

/** The clicks per hour as one grouped query over the scope's clicks: what the report must print. */
function grouped(db: Database.Database, emailingKey: number, scope: ParsedScope) {
  const where = andScope(scope);
  return db
    .prepare(
      `SELECT (c.ts_local / 3600) * 3600 AS hour, COUNT(*) AS clicks FROM clicks c
        WHERE c.emailing_id = ? AND c.ts_local IS NOT NULL${where.sql} GROUP BY 1 ORDER BY 1`,
    )
    .all(emailingKey, ...where.params);
}

function spanOf(db: Database.Database, emailingKey: number, scope: ParsedScope) {
  const where = andScope(scope);
  return db
    .prepare(
      `SELECT MIN(c.ts_local) AS first, MAX(c.ts_local) AS last FROM clicks c WHERE c.emailing_id = ?${where.sql}`,
    )
    .get(emailingKey, ...where.params) as { first: number | null; last: number | null };
}

/** Every statement clicksPerHour runs, with the query plan SQLite chose for it. */
function plansOf(db: Database.Database, run: (spied: Database.Database) => unknown): string[] {
  const plans: string[] = [];
  const prepare = db.prepare.bind(db);
  const spied = Object.assign(Object.create(db) as Database.Database, {
    prepare: (sql: string) => {
      const statement = prepare(sql);
      return Object.assign(Object.create(statement) as Database.Statement, {
        all: (...params: unknown[]) => {
          const steps = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
          plans.push(steps.map((s) => s.detail).join('\n'));
          return statement.all(...params);
        },
      });
    },
  });
  run(spied);
  return plans;
}

const scopes: [string, ReportScope][] = [
  ['the whole emailing', {}],
  ['a period', { dateRange: { from: SENT_44, to: '2024-06-05 09:00:00' } }],
  [
    'a period that starts mid-hour',
    { dateRange: { from: '2024-06-03 10:30:00', to: '2024-06-30 00:00:00' } },
  ],
  ['the bots left out', { excludeBots: true }],
  ['a period with the bots left out', { dateRange: { from: '2024-01-01 00:00:00' }, excludeBots: true }],
  ['a filter on a column', { filterModel: { id: { filterType: 'number', type: 'greaterThan', filter: 3 } } }],
];

describe('the clicks per hour of a report', () => {
  it.each(scopes)('are those of one grouped query over the clicks, for %s', (_name, input) => {
    const { db, keys } = cache();
    const scope = parseScope(input);
    for (const key of [keys[51], keys[53], keys[44]]) {
      const expected = grouped(db, key, scope);
      expect(clicksPerHour(db, key, scope, spanOf(db, key, scope))).toEqual(expected);
    }
    // Emailing 44 has clicks over five days: more than one hour to get right.
    expect(grouped(db, keys[44], scope).length).toBeGreaterThan(1);
  });

  it('are none in a scope without clicks', () => {
    const { db, keys } = cache();
    const scope = parseScope({ dateRange: { from: '2030-01-01 00:00:00' } });
    expect(spanOf(db, keys[51], scope)).toEqual({ first: null, last: null });
    expect(clicksPerHour(db, keys[51], scope, { first: null, last: null })).toEqual([]);
  });

  it('count along the time index without sorting the clicks, with no column filtered', () => {
    const { db, keys } = cache();
    for (const input of [{}, { dateRange: { from: SENT_44 } }, { excludeBots: true }]) {
      const scope = parseScope(input);
      const span = spanOf(db, keys[44], scope);
      const plans = plansOf(db, (spied) => clicksPerHour(spied, keys[44], scope, span));
      expect(plans).toHaveLength(1);
      expect(plans[0]).toContain(
        'USING COVERING INDEX clicks_by_time (emailing_id=? AND ts_local>? AND ts_local<?)',
      );
      // The hours are sorted (a few hundred rows), the clicks are not.
      expect(plans[0]).not.toContain('TEMP B-TREE FOR GROUP BY');
    }
  });
});
