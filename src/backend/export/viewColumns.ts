/**
 * The exportable columns of each view: the grid's own header (used when the caller names none),
 * how the column is written, and where its value comes from. Only these columns can be
 * exported; a request naming another is refused.
 */
import { clickColumnList } from '../../shared/columns/clickColumns';
import type { ColumnSpec } from '../../shared/columns/columnSpec';
import { linkColumnList } from '../../shared/columns/linkColumns';
import { profileClickColumnList } from '../../shared/columns/profileClickColumns';
import { profileColumnList } from '../../shared/columns/profileColumns';
import { AppError } from '../../shared/errors';
import { PROFILE_NAME_COLUMN, profileFieldOf } from '../../shared/columns/profileFieldColumns';
import type { ProfileFieldValues } from '../profiles/profileFieldValues';
import type { ExportViewName } from '../../shared/schemas/export';
import { productLabels } from '../../shared/schemas/product';
import type { ClickRow, LinkRow, ProfileRow } from '../../shared/schemas/views';
import type { ProfileClick } from '../accounts/profileDetails';
import type { ColumnKind, ExportColumn, ExportValue } from './table';

export interface ViewColumn<Row> {
  header: string;
  kind: ColumnKind;
  value(row: Row): ExportValue;
  /** Shown in the grid before the user changes anything (and exported by default). */
  visible: boolean;
}

type Columns<Row> = Record<string, ViewColumn<Row>>;

/**
 * A view's list as export columns: the header and format are the list's, the value is the row's
 * field of the same ID (a list naming a field its row lacks is a type error).
 */
function exportColumns<Row>(list: readonly ColumnSpec<keyof Row & string>[]): Columns<Row> {
  return Object.fromEntries(
    list.map((c) => [
      c.id,
      {
        header: c.header,
        kind: c.format,
        value: (row: Row) => row[c.id] as ExportValue,
        visible: !c.hidden,
      },
    ]),
  );
}

export const clickViewColumns = exportColumns<ClickRow>(clickColumnList);
export const linkViewColumns = exportColumns<LinkRow>(linkColumnList);
export const profileViewColumns = exportColumns<ProfileRow>(profileColumnList);
const profileClickColumns = exportColumns<ProfileClick>(profileClickColumnList);
/** The product as the screens name it ("Marketing Suite"), not its key in the file ("ms"). */
export const profileClickViewColumns: Columns<ProfileClick> = {
  ...profileClickColumns,
  product: { ...profileClickColumns.product!, value: (row) => productLabels[row.product] },
};

export const viewColumns = {
  clicks: clickViewColumns,
  links: linkViewColumns,
  profiles: profileViewColumns,
  profileClicks: profileClickViewColumns,
} satisfies Record<ExportViewName, Columns<never>>;

/** The columns a view shows before the user changes anything, with the grid's headers. */
export function defaultColumns(view: ExportViewName): { colId: string; header: string }[] {
  return Object.entries(viewColumns[view] as Columns<unknown>)
    .filter(([, c]) => c.visible)
    .map(([colId, c]) => ({ colId, header: c.header }));
}

/**
 * A profile field's column (or the profile's name) for the rows of a view that name a profile,
 * headed by the field's name as the database spells it.
 */
export function profileColumns<Row extends { profile: number | null }>(
  values: ProfileFieldValues,
): (colId: string) => ViewColumn<Row> | undefined {
  return (colId) => {
    if (colId === PROFILE_NAME_COLUMN) {
      return { header: 'Name', kind: 'text', visible: true, value: (row) => values.name(row.profile) };
    }
    const field = profileFieldOf(colId);
    if (field === null) return undefined;
    return { header: field, kind: 'text', visible: true, value: (row) => values.value(row.profile, field) };
  };
}

export interface ResolvedColumns<Row> {
  columns: ExportColumn[];
  /** The row as the values of the chosen columns, in their order. */
  values(row: Row): ExportValue[];
}

/**
 * The requested columns (whitelisted) with the caller's headers, or the grid's where blank;
 * `extra` answers the columns no fixed list has (a profile's own fields).
 */
export function resolveColumns<Row>(
  available: Columns<Row>,
  requested: readonly { colId: string; header: string }[],
  extra: (colId: string) => ViewColumn<Row> | undefined = () => undefined,
): ResolvedColumns<Row> {
  const chosen = requested.map(({ colId, header }) => {
    const known = Object.hasOwn(available, colId) ? available[colId] : extra(colId);
    if (!known) throw new AppError('invalid_input', `The column "${colId}" cannot be exported.`);
    return { ...known, header: header.trim() || known.header };
  });
  const getters = chosen.map((c) => c.value);
  return {
    columns: chosen.map(({ header, kind }) => ({ header, kind })),
    values: (row) => getters.map((get) => get(row)),
  };
}
