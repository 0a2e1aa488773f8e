/**
 * The query plans of what a view runs: every statement a call prepares and reads is recorded
 * with its parameters, and explained (EXPLAIN QUERY PLAN) with the same parameters afterwards.
 */
import type Database from 'better-sqlite3';

export interface ExplainedQuery {
  sql: string;
  params: unknown[];
  /** The plan's lines, e.g. `SEARCH c USING COVERING INDEX clicks_by_ip (emailing_id=?)`. */
  plan: string[];
}

const reading = new Set(['all', 'get', 'iterate']);

export function explainQueries(db: Database.Database, run: () => void): ExplainedQuery[] {
  const seen: { sql: string; params: unknown[] }[] = [];
  const prepare = db.prepare.bind(db);
  const recording = (sql: string): Database.Statement => {
    const statement = prepare(sql);
    const proxy: Database.Statement = new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (reading.has(String(property))) seen.push({ sql, params: args });
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          // raw(), pluck() and the like return the statement: keep recording through them.
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  db.prepare = recording as typeof db.prepare;
  try {
    run();
  } finally {
    db.prepare = prepare as typeof db.prepare;
  }
  return seen.map(({ sql, params }) => ({
    sql,
    params,
    plan: (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail),
  }));
}
