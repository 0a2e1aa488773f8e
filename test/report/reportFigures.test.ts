import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { filteredClickFigures, reportKeyFigures } from '../../src/backend/report/reportFigures';
import { andScope, parseScope, type ParsedScope } from '../../src/backend/report/scopeSql';
import type { ReportScope } from '../../src/shared/schemas/report';
import { SENT_44, useReportCache } from './reportSeed';

const cache = useReportCache();

/** The figures module's definitions written out (cacheClickFigures.ts): each count on its own. */
function reference(db: Database.Database, emailingKey: number, scope: ParsedScope) {
  const where = andScope(scope);
  const count = (sql: string) =>
    db
      .prepare(sql)
      .pluck()
      .get(emailingKey, ...where.params) as number;
  return {
    clicks: count(`SELECT COUNT(*) FROM clicks c WHERE c.emailing_id = ?${where.sql}`),
    uniqueClickers: count(
      `SELECT COUNT(DISTINCT c.destination) FROM clicks c WHERE c.emailing_id = ?${where.sql}`,
    ),
    uniqueLinkClicks: count(
      `SELECT COUNT(*) FROM (SELECT DISTINCT c.destination, c.link FROM clicks c
        WHERE c.emailing_id = ? AND c.destination IS NOT NULL AND c.link IS NOT NULL${where.sql})`,
    ),
  };
}

/** How many times the statements `run` prepares read the clicks table `c`, by their query plans. */
function passesOverClicks(db: Database.Database, run: (spied: Database.Database) => unknown): number {
  let passes = 0;
  const prepare = db.prepare.bind(db);
  const spied = Object.assign(Object.create(db) as Database.Database, {
    prepare: (sql: string) => {
      const statement = prepare(sql);
      const explain = (params: unknown[]) => {
        const steps = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        passes += steps.filter((s) => /^(SEARCH|SCAN) c\b/.test(s.detail)).length;
      };
      const wrapped: Database.Statement = Object.assign(Object.create(statement) as Database.Statement, {
        get: (...params: unknown[]) => (explain(params), statement.get(...params)),
        all: (...params: unknown[]) => (explain(params), statement.all(...params)),
        pluck: (toggle = true) => (statement.pluck(toggle), wrapped),
      });
      return wrapped;
    },
  });
  run(spied);
  return passes;
}

const column = { id: { filterType: 'number', type: 'greaterThan', filter: 3 } } as const;
const scopes: [string, ReportScope][] = [
  ['a filter on a column', { filterModel: column }],
  ['a period', { dateRange: { from: SENT_44, to: '2024-06-05 09:00:00' } }],
  ['the bots left out', { excludeBots: true }],
  [
    'a period and a filter with the bots left out',
    { dateRange: { from: SENT_44 }, filterModel: column, excludeBots: true },
  ],
  ['a period without clicks', { dateRange: { from: '2030-01-01 00:00:00' } }],
];

describe("a narrowed report's key figures", () => {
  it.each(scopes)(
    'count clicks, clickers and (destination, link) pairs as the figures module defines them, for %s',
    (_name, input) => {
      const { db, keys } = cache();
      const scope = parseScope(input);
      for (const key of [keys[51], keys[53], keys[44]])
        expect(filteredClickFigures(db, key, scope)).toEqual(reference(db, key, scope));
    },
  );

  it('leave out as bot clicks what the bot switch leaves out of the same scope', () => {
    const { db, keys } = cache();
    const scope = parseScope({ filterModel: column, excludeBots: true });
    const { cache: figures } = reportKeyFigures(db, keys[51], scope);
    const all = reference(db, keys[51], { ...scope, excludeBots: false }).clicks;
    expect(figures.botClicks).toBeGreaterThan(0);
    expect(figures.botClicks).toBe(all - figures.clicks);
    expect(figures.humanClicks).toBe(figures.clicks);
  });

  it('read the clicks once for their counts, and once more for the bots left out', () => {
    const { db, keys } = cache();
    const filtered = parseScope({ filterModel: column });
    expect(passesOverClicks(db, (spied) => reportKeyFigures(spied, keys[51], filtered))).toBe(1);
    const withoutBots = parseScope({ filterModel: column, excludeBots: true });
    expect(passesOverClicks(db, (spied) => reportKeyFigures(spied, keys[51], withoutBots))).toBe(2);
  });
});
