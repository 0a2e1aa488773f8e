/**
 * Lenient, hand-written parsing of Copernica's JSON. The API sends most IDs and counters as
 * strings, some as numbers, and has renamed keys over the years; we accept every form we know of
 * and reject, with a message a user can act on, only what we cannot use. Clicks arrive in pages of
 * 1000 at tens of thousands of rows per second, so there is no schema library on the row path.
 */
import { AppError } from '../../shared/errors';
import type { Click, DatabaseField, Identity, Page, Profile, PublisherEmailing, Subprofile } from './types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decimal digits, perhaps signed: `Number()` alone would also take " ", "0x1F" and "7e5". */
const DECIMAL_INTEGER = /^-?\d{1,16}$/;

/** An integer sent as a number or as a string of digits; anything else is null. */
export function toInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : null;
  }
  return null;
}

function toText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true' || value === 'yes';
}

function badResponse(what: string, detail: string): AppError {
  return new AppError('bad_response', `Copernica's answer to ${what} was not what we expected: ${detail}.`);
}

/**
 * The body of a list call: `{start, limit, count, total, data: [...]}`; each row goes through
 * `row`, which returns null for a row it refuses. The envelope's numbers are not trusted: `count`
 * is what `data` holds (a lying count would skip rows or end the paging early), and a negative
 * or unreadable total is taken as not sent.
 */
export function parsePage<T>(
  body: unknown,
  what: string,
  row: (item: unknown, index: number) => T | null,
): Page<T> {
  if (!isObject(body)) throw badResponse(what, 'the body is not a JSON object');
  const items = body.data;
  if (!Array.isArray(items)) throw badResponse(what, 'it has no "data" list');
  const data = new Array<T>(items.length);
  let kept = 0;
  for (let i = 0; i < items.length; i++) {
    const value = row(items[i], i);
    if (value !== null) data[kept++] = value;
  }
  data.length = kept;
  const limit = toInt(body.limit);
  return {
    start: nonNegative(toInt(body.start)) ?? 0,
    count: items.length,
    limit: limit !== null && limit > 0 ? limit : items.length,
    total: nonNegative(toInt(body.total)),
    data,
    refused: items.length - data.length,
  };
}

function nonNegative(n: number | null): number | null {
  return n !== null && n >= 0 ? n : null;
}

/**
 * Texts of a click longer than this are cut to it, ending in TEXT_CUT_MARKER. User agents and
 * referers reach Copernica as HTTP header lines, which Apache and nginx refuse above 8 KB by
 * default, so no real one is longer; a link URL or title that long is not a link a person clicks.
 * Anything longer is a fault or an attack, and stored whole it would cost megabytes per click.
 */
export const MAX_CLICK_TEXT = 8192;
/** Ends a text that was cut at MAX_CLICK_TEXT, so a reader can tell it is not the whole value. */
export const TEXT_CUT_MARKER = '[…]';

function clickText(value: unknown): string | null {
  const text = toText(value);
  return text === null ? null : capped(text);
}

function capped(text: string): string {
  if (text.length <= MAX_CLICK_TEXT) return text;
  let end = MAX_CLICK_TEXT - TEXT_CUT_MARKER.length;
  // Never leave half of a surrogate pair behind.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + TEXT_CUT_MARKER;
}

/** Returned by optionalId for a value that is there but is not a positive whole number. */
const INVALID_ID = -1;

/**
 * A positive ID; 0 when the field is absent (missing, null or ''); INVALID_ID otherwise. Numbers,
 * not null or objects, so that checking a click's five IDs allocates nothing.
 */
function optionalId(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = toInt(value);
  return n !== null && n > 0 ? n : INVALID_ID;
}

/**
 * One row of a Publisher clicks page, or null when it is refused (parsePage counts it). A click
 * is refused when it is not an object, when its ID is not a positive whole number, when another
 * ID it carries (link, emailing, destination, profile, subprofile) is there but is not one, or
 * when it has no timestamp text: none of those can be stored truthfully. A timestamp that is text
 * but not `YYYY-MM-DD HH:MM:SS` is kept as sent (the writer stores it raw, and it never moves the
 * watermark). Long texts are cut at MAX_CLICK_TEXT.
 */
export function clickRow(item: unknown): Click | null {
  return readClick(item, true);
}

/**
 * One row of a Marketing Suite clicks page (`ms/emailing/$id/clicks`), by the same rules. Its
 * emailing comes as `mailing`, and it has no link_id, link_title or referer: those stay null
 * (whatever a server adds), so its links are told apart by URL alone.
 */
export function msClickRow(item: unknown): Click | null {
  return readClick(item, false);
}

function readClick(item: unknown, publisher: boolean): Click | null {
  if (!isObject(item)) return null;
  const id = toInt(item.ID ?? item.id);
  const timestamp = item.timestamp;
  if (id === null || id <= 0 || typeof timestamp !== 'string' || timestamp.length === 0) return null;
  const linkId = publisher ? optionalId(item.link_id) : 0;
  const emailing = optionalId(publisher ? item.emailing : item.mailing);
  const destination = optionalId(item.destination);
  const profile = optionalId(item.profile);
  const subprofile = optionalId(item.subprofile);
  if (linkId < 0 || emailing < 0 || destination < 0 || profile < 0 || subprofile < 0) return null;
  return {
    id,
    linkId: linkId || null,
    link: clickText(item.link),
    linkTitle: publisher ? clickText(item.link_title) : null,
    timestamp: capped(timestamp),
    ip: clickText(item.ip),
    // The API called this `user-agent` until 2019 and `useragent` since.
    userAgent: clickText(item.useragent !== undefined ? item.useragent : item['user-agent']),
    referer: publisher ? clickText(item.referer) : null,
    emailing: emailing || null,
    destination: destination || null,
    profile: profile || null,
    subprofile: subprofile || null,
  };
}

function requireObject(body: unknown, what: string): Json {
  if (!isObject(body)) throw badResponse(what, 'the body is not a JSON object');
  return body;
}

function requireId(item: Json, what: string): number {
  const id = toInt(item.id ?? item.ID);
  if (id === null) throw badResponse(what, 'it has no usable ID');
  return id;
}

function fieldMap(value: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!isObject(value)) return fields;
  for (const [key, v] of Object.entries(value)) fields[key] = toText(v) ?? '';
  return fields;
}

function removedValue(value: unknown): string | false {
  return typeof value === 'string' && value.length > 0 ? value : false;
}

export function parseIdentity(body: unknown, what: string): Identity {
  const item = requireObject(body, what);
  const customer = isObject(item.customer) ? item.customer : null;
  return {
    id: requireId(item, what),
    name: toText(item.name) ?? '',
    description: toText(item.description),
    company: toText(item.company),
    customer: customer
      ? { id: toInt(customer.id), name: toText(customer.name), isPartner: toBool(customer.isPartner) }
      : null,
  };
}

export function parseEmailing(body: unknown, what: string): PublisherEmailing {
  const item = requireObject(body, what);
  const from = isObject(item.from_address) ? item.from_address : null;
  return {
    id: requireId(item, what),
    timestamp: toText(item.timestamp),
    subject: toText(item.subject),
    description: toText(item.description),
    fromAddress: from ? { name: toText(from.name), email: toText(from.email) } : null,
    type: toText(item.type),
    destinations: toInt(item.destinations),
    clicks: toInt(item.clicks),
    impressions: toInt(item.impressions),
    errors: toInt(item.errors),
    unsubscribes: toInt(item.unsubscribes),
    abuses: toInt(item.abuses),
    targetDatabase: targetDatabase(item.target),
  };
}

/**
 * The database of an emailing's target: the target itself when it is a database, or its first
 * source of type database (a selection's sources name the database it lies in).
 */
function targetDatabase(target: unknown): number | null {
  if (!isObject(target)) return null;
  if (target.type === 'database' && toInt(target.id) !== null) return toInt(target.id);
  const sources = Array.isArray(target.sources) ? target.sources : [];
  for (const source of sources) {
    if (isObject(source) && source.type === 'database') {
      const id = toInt(source.id);
      if (id !== null && id > 0) return id;
    }
  }
  return null;
}

export function parseDatabaseField(item: unknown): DatabaseField | null {
  if (!isObject(item)) return null;
  const id = toInt(item.ID ?? item.id);
  const name = toText(item.name);
  if (id === null || name === null || name === '') return null;
  return { id, name, type: toText(item.type) };
}

/** A row of `database/$id/profiles`; one without a usable ID is refused, not fatal. */
export function profileRow(item: unknown): Profile | null {
  try {
    return parseProfile(item, 'profile row');
  } catch {
    return null;
  }
}

export function subprofileRow(item: unknown): Subprofile | null {
  try {
    return parseSubprofile(item, 'subprofile row');
  } catch {
    return null;
  }
}

export function emailingRow(what: string): (item: unknown, index: number) => PublisherEmailing {
  return (item, index) => parseEmailing(item, `${what} (row ${index + 1})`);
}

export function parseProfile(body: unknown, what: string): Profile {
  const item = requireObject(body, what);
  return {
    id: requireId(item, what),
    fields: fieldMap(item.fields),
    interests: Array.isArray(item.interests)
      ? item.interests.map(toText).filter((v): v is string => v !== null)
      : [],
    database: toInt(item.database),
    created: toText(item.created),
    modified: toText(item.modified),
    removed: removedValue(item.removed),
  };
}

export function parseSubprofile(body: unknown, what: string): Subprofile {
  const item = requireObject(body, what);
  return {
    id: requireId(item, what),
    fields: fieldMap(item.fields),
    profile: toInt(item.profile),
    collection: toInt(item.collection),
    created: toText(item.created),
    modified: toText(item.modified),
    removed: removedValue(item.removed),
  };
}
