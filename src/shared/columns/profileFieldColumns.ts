/**
 * Columns of a profile's own fields (who clicked): not in a view's fixed list, since each
 * database has fields of its own, but named `profileField:<field name as the database spells
 * it>` in the grids, their state and the exports. And what "personal data" is for the export
 * option that leaves it out: profile fields, IP addresses, user agents and referers (profile IDs
 * stay, so the client can look them up in their own Copernica).
 */

export const PROFILE_FIELD_PREFIX = 'profileField:';

/** The column showing the name from the account's name field(s). */
export const PROFILE_NAME_COLUMN = 'profileName';

/** What a removed profile shows in its field columns and as its name. */
export const REMOVED_PROFILE_TEXT = '(removed)';

export function profileFieldColumnId(field: string): string {
  return `${PROFILE_FIELD_PREFIX}${field}`;
}

/** The field a column ID names, or null when it is not a profile field column. */
export function profileFieldOf(colId: string): string | null {
  return colId.startsWith(PROFILE_FIELD_PREFIX) && colId.length > PROFILE_FIELD_PREFIX.length
    ? colId.slice(PROFILE_FIELD_PREFIX.length)
    : null;
}

/** The clicks view's columns that hold personal data, besides the profile field columns. */
export const PERSONAL_CLICK_COLUMNS: readonly string[] = ['ip', 'userAgent', 'referer'];

export function isPersonalDataColumn(colId: string): boolean {
  return (
    PERSONAL_CLICK_COLUMNS.includes(colId) || colId === PROFILE_NAME_COLUMN || profileFieldOf(colId) !== null
  );
}

/** A profile's name from its name fields' values, joined by a space; null when they are all empty. */
export function profileNameOf(fields: Record<string, string>, nameFields: readonly string[]): string | null {
  const name = nameFields
    .map((field) => (fields[field] ?? '').trim())
    .filter((value) => value !== '')
    .join(' ');
  return name === '' ? null : name;
}

/** A filter model without its profile field columns, and those apart. */
export function splitProfileFilters<Filter>(model: Record<string, Filter>): {
  view: Record<string, Filter>;
  profile: Record<string, Filter>;
} {
  const view: Record<string, Filter> = {};
  const profile: Record<string, Filter> = {};
  for (const [colId, filter] of Object.entries(model)) {
    if (profileFieldOf(colId) === null) view[colId] = filter;
    else profile[colId] = filter;
  }
  return { view, profile };
}
