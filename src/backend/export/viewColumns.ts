/**
 * The exportable columns of each view: the grid's own header (used when the caller names none),
 * how the column is written, and where its value comes from. Only these columns can be
 * exported; a request naming another is refused.
 */
import { AppError } from '../../shared/errors';
import type { ExportViewName } from '../../shared/schemas/export';
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

function column<Row>(
  header: string,
  kind: ColumnKind,
  value: (row: Row) => ExportValue,
  visible = true,
): ViewColumn<Row> {
  return { header, kind, value, visible };
}

export const clickViewColumns: Columns<ClickRow> = {
  id: column('Click ID', 'id', (r) => r.id),
  linkId: column('Link ID', 'id', (r) => r.linkId),
  link: column('Link', 'text', (r) => r.link),
  linkTitle: column('Link title', 'text', (r) => r.linkTitle),
  timestamp: column('Clicked at', 'wallClock', (r) => r.timestamp),
  ip: column('IP address', 'text', (r) => r.ip),
  userAgent: column('User agent', 'text', (r) => r.userAgent),
  referer: column('Referer', 'text', (r) => r.referer),
  destination: column('Destination', 'id', (r) => r.destination),
  profile: column('Profile', 'id', (r) => r.profile),
  subprofile: column('Subprofile', 'id', (r) => r.subprofile),
};

export const linkViewColumns: Columns<LinkRow> = {
  link: column('Link', 'text', (r) => r.link),
  linkTitle: column('Link title', 'text', (r) => r.linkTitle),
  clicks: column('Clicks', 'count', (r) => r.clicks),
  uniqueProfiles: column('Unique profiles', 'count', (r) => r.uniqueProfiles),
  share: column('Share of clicks', 'share', (r) => r.share),
  firstClick: column('First click', 'wallClock', (r) => r.firstClick),
  lastClick: column('Last click', 'wallClock', (r) => r.lastClick),
  linkId: column('Link ID', 'id', (r) => r.linkId, false),
};

export const profileViewColumns: Columns<ProfileRow> = {
  profile: column('Profile', 'id', (r) => r.profile),
  clicks: column('Clicks', 'count', (r) => r.clicks),
  uniqueLinks: column('Unique links', 'count', (r) => r.uniqueLinks),
  firstClick: column('First click', 'wallClock', (r) => r.firstClick),
  lastClick: column('Last click', 'wallClock', (r) => r.lastClick),
};

export const profileClickViewColumns: Columns<ProfileClick> = {
  emailingId: column('Emailing', 'id', (r) => r.emailingId),
  subject: column('Subject', 'text', (r) => r.subject),
  timestamp: column('Clicked at', 'wallClock', (r) => r.timestamp),
  link: column('Link', 'text', (r) => r.link),
  linkTitle: column('Link title', 'text', (r) => r.linkTitle),
  id: column('Click ID', 'id', (r) => r.id),
  subprofile: column('Subprofile', 'id', (r) => r.subprofile),
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

export interface ResolvedColumns<Row> {
  columns: ExportColumn[];
  /** The row as the values of the chosen columns, in their order. */
  values(row: Row): ExportValue[];
}

/** The requested columns (whitelisted) with the caller's headers, or the grid's where blank. */
export function resolveColumns<Row>(
  available: Columns<Row>,
  requested: readonly { colId: string; header: string }[],
): ResolvedColumns<Row> {
  const chosen = requested.map(({ colId, header }) => {
    const known = Object.hasOwn(available, colId) ? available[colId] : undefined;
    if (!known) throw new AppError('invalid_input', `The column "${colId}" cannot be exported.`);
    return { ...known, header: header.trim() || known.header };
  });
  const getters = chosen.map((c) => c.value);
  return {
    columns: chosen.map(({ header, kind }) => ({ header, kind })),
    values: (row) => getters.map((get) => get(row)),
  };
}
