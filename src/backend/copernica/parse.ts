/**
 * Lenient, hand-written parsing of Copernica's JSON. The API sends most IDs and counters as
 * strings, some as numbers, and has renamed keys over the years; we accept every form we know of
 * and reject, with a message a user can act on, only what we cannot use. Clicks arrive in pages of
 * 1000 at tens of thousands of rows per second, so there is no schema library on the row path.
 */
import { AppError } from '../../shared/errors';
import type { Click, Identity, Page, Profile, PublisherEmailing, Subprofile } from './types';

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

/** The body of a list call: `{start, limit, count, total, data: [...]}`; each row goes through `row`. */
export function parsePage<T>(body: unknown, what: string, row: (item: unknown, index: number) => T): Page<T> {
  if (!isObject(body)) throw badResponse(what, 'the body is not a JSON object');
  const items = body.data;
  if (!Array.isArray(items)) throw badResponse(what, 'it has no "data" list');
  const data = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) data[i] = row(items[i], i);
  return {
    start: toInt(body.start) ?? 0,
    limit: toInt(body.limit) ?? items.length,
    count: toInt(body.count) ?? items.length,
    total: toInt(body.total),
    data,
  };
}

/** Makes a row parser for one list call, so that its error messages name the call. */
export function clickRow(what: string): (item: unknown, index: number) => Click {
  return (item, index) => {
    if (!isObject(item)) throw badResponse(what, `row ${index + 1} is not an object`);
    const id = toInt(item.ID ?? item.id);
    if (id === null) throw badResponse(what, `row ${index + 1} has no usable click ID`);
    const timestamp = item.timestamp;
    if (typeof timestamp !== 'string' || timestamp.length === 0) {
      throw badResponse(what, `click ${id} has no timestamp`);
    }
    return {
      id,
      linkId: toInt(item.link_id),
      link: toText(item.link),
      linkTitle: toText(item.link_title),
      timestamp,
      ip: toText(item.ip),
      // The API called this `user-agent` until 2019 and `useragent` since.
      userAgent: toText(item.useragent !== undefined ? item.useragent : item['user-agent']),
      referer: toText(item.referer),
      emailing: toInt(item.emailing),
      destination: toInt(item.destination),
      profile: toInt(item.profile),
      subprofile: toInt(item.subprofile),
    };
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
  };
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
