/**
 * The profile field columns (`profileField:<name>`) in the views' SQL: a text filter on a field
 * is a condition on the clicking profile (`c.profile IN (SELECT id FROM profiles WHERE …)`), a
 * sort on one (the Profiles view) orders by the field of each row's profile, and a block's rows
 * get the values of the account's chosen fields and their name, looked up for the block's few
 * profiles at once. Field names reach SQL only as a JSON path, and only names of letters,
 * digits, spaces, `_`, `-` and `.` are accepted (schemas/profiles.ts), so none can close it.
 */
import type Database from 'better-sqlite3';
import {
  REMOVED_PROFILE_TEXT,
  profileFieldOf,
  profileNameOf,
  splitProfileFilters,
} from '../../shared/columns/profileFieldColumns';
import { AppError } from '../../shared/errors';
import type { FilterModel, SortModel } from '../../shared/schemas/grid';
import { FIELD_NAME_PATTERN } from '../../shared/schemas/profiles';
import { type ColumnSql, type SqlCondition, andAll, filterModelSql } from '../views/filterSql';
import { readProfileSettings } from './profileSettings';

function jsonPath(field: string): string {
  if (!FIELD_NAME_PATTERN.test(field))
    throw new AppError('invalid_input', `"${field}" is not a profile field name.`);
  return `'$."${field}"'`;
}

function accountOf(db: Database.Database, emailingKey: number): number {
  const accountId = db.prepare('SELECT account_id FROM emailings WHERE id = ?').pluck().get(emailingKey);
  if (accountId === undefined) throw new AppError('not_found', 'That emailing is not in the cache.');
  return Number(accountId);
}

/**
 * A view's filter over its whitelist plus its profile field filters, these as one condition on
 * `profileExpr` (the row's profile ID).
 */
export function viewFilterSql(
  db: Database.Database,
  emailingKey: number,
  model: FilterModel,
  whitelist: Record<string, ColumnSql>,
  profileExpr: string,
): SqlCondition {
  const { view, profile } = splitProfileFilters(model);
  const own = filterModelSql(view, whitelist);
  if (Object.keys(profile).length === 0) return own;
  const fields: Record<string, ColumnSql> = {};
  for (const colId of Object.keys(profile)) {
    const field = profileFieldOf(colId) as string;
    fields[colId] = { kind: 'text', sortable: false, expr: `json_extract(p.fields, ${jsonPath(field)})` };
  }
  const inner = filterModelSql(profile, fields);
  const accountId = accountOf(db, emailingKey);
  return andAll(own, {
    sql: `${profileExpr} IN (SELECT p.id FROM profiles p WHERE p.account_id = ${accountId} AND ${inner.sql})`,
    params: inner.params,
  });
}

/**
 * The Profiles view's sort when it names a profile field: the field of each row's profile (rows
 * without one last), then the view's own tie-break; null when the sort names none.
 */
export function profileSortClause(
  db: Database.Database,
  emailingKey: number,
  model: SortModel,
  profileExpr: string,
  tieBreak: readonly string[],
): string | null {
  const first = model[0];
  const field = first ? profileFieldOf(first.colId) : null;
  if (!first || field === null) return null;
  const accountId = accountOf(db, emailingKey);
  const value = `(SELECT json_extract(p.fields, ${jsonPath(field)}) FROM profiles p WHERE p.account_id = ${accountId} AND p.id = ${profileExpr})`;
  const direction = first.sort === 'desc' ? 'DESC' : 'ASC';
  return [`${value} IS NULL`, `${value} COLLATE NOCASE ${direction}`, ...tieBreak].join(', ');
}

interface WithProfileFields {
  profile: number | null;
  profileFields?: Record<string, string | null>;
  profileName?: string | null;
}

/** The rows with the account's chosen fields and the profile's name, for a grid block. */
export function withProfileFields<Row extends WithProfileFields>(
  db: Database.Database,
  emailingKey: number,
  rows: Row[],
): Row[] {
  const ids = [...new Set(rows.map((r) => r.profile).filter((p): p is number => p !== null))];
  if (ids.length === 0) return rows;
  const accountId = accountOf(db, emailingKey);
  const { chosenFields, nameFields } = readProfileSettings(db, accountId);
  if (chosenFields.length === 0 && nameFields.length === 0) return rows;
  const found = db
    .prepare(
      'SELECT id, fields, removed FROM profiles WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))',
    )
    .all(accountId, JSON.stringify(ids)) as { id: number; fields: string; removed: string | null }[];
  const byId = new Map<number, { fields: Record<string, string>; removed: boolean }>();
  for (const row of found) {
    let fields: Record<string, string> = {};
    try {
      fields = JSON.parse(row.fields) as Record<string, string>;
    } catch {
      // A damaged row shows no fields.
    }
    byId.set(row.id, { fields, removed: row.removed !== null });
  }
  return rows.map((row) => {
    const entry = row.profile === null ? undefined : byId.get(row.profile);
    if (!entry) return row;
    const profileFields: Record<string, string | null> = {};
    for (const field of chosenFields) {
      profileFields[field] = entry.removed ? REMOVED_PROFILE_TEXT : (entry.fields[field] ?? null);
    }
    const profileName = entry.removed ? REMOVED_PROFILE_TEXT : profileNameOf(entry.fields, nameFields);
    return { ...row, profileFields, profileName };
  });
}
