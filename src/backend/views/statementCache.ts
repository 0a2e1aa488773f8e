import type Database from 'better-sqlite3';
import { withoutMissingGridIndexes } from '../db/gridIndexes';

/**
 * Prepared statements by SQL text; grid queries vary with the filter's shape, not its values.
 * A hint naming a grid index that is absent (a bulk load is running) is left out.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly limit = 200,
  ) {}

  get(hinted: string): Database.Statement {
    const sql = withoutMissingGridIndexes(this.db, hinted);
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= this.limit) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** A small least-recently-used map for counts and groupings that blocks of one view share. */
export class Lru<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
}
