/**
 * A table constraint SQLite cannot ALTER (a UNIQUE key, a CHECK) changes by building the table
 * again: SQLite's documented twelve steps, with the new table's definition read from the old one
 * and edited, so columns other migrations added come along whatever their order. The caller's
 * migration runs with foreign keys off (Migration.foreignKeysOff): dropping the old table with
 * them on would cascade its delete into every table that refers to it.
 */
import type Database from 'better-sqlite3';

export function rebuildTable(db: Database.Database, table: string, edit: (sql: string) => string): void {
  const sql = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(table) as string | undefined;
  if (sql === undefined) throw new Error(`rebuildTable: no table ${table}`);
  const edited = edit(sql);
  if (edited === sql) throw new Error(`rebuildTable: the edit changed nothing in ${table}`);
  const indexes = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .pluck()
    .all(table) as string[];
  const rebuilt = `${table}_rebuilt`;
  db.exec(edited.replace(/^CREATE TABLE\s+("?)\w+\1/i, `CREATE TABLE ${rebuilt}`));
  db.exec(`INSERT INTO ${rebuilt} SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${rebuilt} RENAME TO ${table}`);
  for (const index of indexes) db.exec(index);
}
