/**
 * The field names of an account's databases as `database/$id/fields` listed them at the last
 * profile fetch (database_fields): what the column chooser offers and what an export may name.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

/** Every field of the account's databases, in their order, each name once. */
export function databaseFieldNames(db: Database.Database, accountId: number): string[] {
  const rows = db
    .prepare(
      `SELECT fields FROM database_fields WHERE account_id = ? AND kind = 'database' ORDER BY remote_id`,
    )
    .pluck()
    .all(accountId) as string[];
  const names: string[] = [];
  for (const text of rows) {
    try {
      for (const name of JSON.parse(text) as unknown[]) {
        if (typeof name === 'string' && !names.includes(name)) names.push(name);
      }
    } catch {
      // A damaged row offers nothing.
    }
  }
  return names;
}

/** The names as asked, each checked against the account's databases; a helpful error otherwise. */
export function checkedFieldNames(
  db: Database.Database,
  accountId: number,
  asked: readonly string[],
): string[] {
  const known = databaseFieldNames(db, accountId);
  if (known.length === 0) {
    throw new AppError(
      'not_cached',
      'No profile fields are cached for this account yet: sync the emailing with --profiles first.',
    );
  }
  return asked.map((name) => {
    // Copernica matches field names without regard to case; the file uses the database's spelling.
    const found = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw new AppError(
        'invalid_input',
        `The database has no field "${name}"; its fields are ${known.join(', ')}.`,
      );
    }
    return found;
  });
}
