/**
 * Deterministic, Copernica-shaped data for the fake API. Click k of an emailing is computed from
 * (seed, emailing ID, k) on demand, so a million-click emailing costs nothing until it is paged.
 * IDs increase with k and timestamps never decrease with k (clicks bunch up early, several per
 * second), which lets the server answer timestamp and ID filters with a binary search.
 */
import type { Product } from '../../shared/schemas/product';
import {
  formatWallClock,
  parseWallClock as parseCanonical,
  readWallClockInput,
} from '../../shared/wallClock';

export { formatWallClock };

export interface FakeEmailingSpec {
  id: number;
  subject?: string;
  /** `YYYY-MM-DD HH:MM:SS` */
  sentAt?: string;
  clicks: number;
  destinations?: number;
  /** `YYYY-MM-DD HH:MM:SS`; default one minute after sentAt. */
  firstClickAt?: string;
  /** People and scanners, with the truth of which is which (mixedClicks.ts). */
  mixed?: { botShare?: number; links?: number };
  /** How many profiles click, default 30 % of the clicks. */
  profiles?: number;
  /**
   * Clicking profile i has ID PROFILE_BASE + i * this (default 3): a large stride spreads the
   * clickers thinly over the database, as a small emailing to a big database does.
   */
  profileStride?: number;
}

export type UserAgentKey = 'useragent' | 'user-agent';

export interface RowFormat {
  userAgentKey: UserAgentKey;
  numbersAsStrings: boolean;
}

/** The database every fake emailing is sent to (its `target`) and its profiles' `database`. */
export const FAKE_DATABASE_ID = 7616;
const FAKE_DATABASE_ID_TEXT = String(FAKE_DATABASE_ID);
/** The collection of the fake's subprofiles. */
export const FAKE_COLLECTION_ID = 6312;

/** Profiles with an ID at or above this exist; the generated clicks point at them. */
export const PROFILE_BASE = 1_000_000;
/** Subprofiles with an ID at or above this exist. */
export const SUBPROFILE_BASE = 5_000_000;
/** Click IDs of emailing E start at E * this, so they are unique across emailings of up to 4M clicks. */
export const CLICK_ID_STRIDE = 10_000_000;

const LINKS_PER_EMAILING = 40;
const MAX_SPAN_SECONDS = 14 * 24 * 3600;

/** A 32-bit integer hash (lowbias32 by Chris Wellons): fast, well mixed, no state. */
export function mix(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Lenient, as the fake's own inputs may be date-only (the app's input rule); throws on anything else. */
export function parseWallClock(text: string): number {
  const canonical = readWallClockInput(text);
  if (canonical === null) throw new RangeError(`not a YYYY-MM-DD HH:MM:SS time: ${text}`);
  return parseCanonical(canonical)!;
}

const linkTitles = [
  '',
  'Bekijk de aanbieding',
  'Café – ü',
  '=Bekijk nu',
  '-50% op alles',
  'Lees verder',
  'Nieuwe collectie',
  'Schrijf je in voor het evenement',
  'Bekijk in je browser',
  'Afmelden',
  'Crème brûlée-recepten',
  'Gratis verzending vanaf €50',
  'Jetzt entdecken: Größen & Farben',
  'Naar de webshop',
  '+31 20 123 4567',
  '@Instagram',
];
const sections = [
  'collectie',
  'aanbiedingen',
  'blog',
  'evenementen',
  'service',
  'account',
  'merken',
  'nieuw',
];
const slugs = [
  'zomer-sale-2024',
  'wintercollectie-dames',
  'heren-schoenen-leer',
  'cadeaubonnen',
  'recepten-voor-de-feestdagen',
  'klantenservice-retourneren',
  'nieuwsbrief-voorkeuren',
  'duurzame-materialen',
];
const referers = [
  'https://mail.google.com/',
  'https://outlook.live.com/',
  'https://www.facebook.com/',
  'android-app://com.google.android.gm/',
  'https://webmail.ziggo.nl/',
];

function userAgents(): string[] {
  const list: string[] = [];
  for (let i = 0; i < 12; i++) {
    const v = 110 + i;
    const build = 5000 + i * 37;
    list.push(
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.${build}.${40 + i} Safari/537.36`,
      `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${i} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${i} Mobile/15E148 Safari/604.1`,
      `Mozilla/5.0 (Linux; Android 14; SM-S91${i % 10}B Build/UP1A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.${build}.${60 + i} Mobile Safari/537.36`,
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.${build}.${70 + i}`,
      `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${i} Safari/605.1.15 (Apple Mail)`,
    );
  }
  return list;
}

const agentsJson = userAgents().map((ua) => JSON.stringify(ua));

interface Link {
  id: number;
  urlJson: string;
  titleJson: string;
}

function makeLinks(emailingId: number, salt: number): Link[] {
  const links: Link[] = [];
  for (let i = 0; i < LINKS_PER_EMAILING; i++) {
    const h = mix(salt ^ (i * 0x9e3779b1));
    const section = sections[h % sections.length] ?? 'nieuw';
    const slug = slugs[(h >>> 8) % slugs.length] ?? 'home';
    const url =
      i === 0
        ? '{webversion}'
        : `https://www.voorbeeldwinkel.nl/${section}/${slug}?utm_source=copernica&utm_medium=email` +
          `&utm_campaign=nieuwsbrief-${emailingId}&utm_content=link-${String(i).padStart(2, '0')}-${(h >>> 16).toString(16)}`;
    links.push({
      id: emailingId * 100 + i,
      urlJson: JSON.stringify(url),
      titleJson: JSON.stringify(linkTitles[i % linkTitles.length] ?? ''),
    });
  }
  return links;
}

function hex4(value: number): string {
  return (value & 0xffff).toString(16);
}

/**
 * One emailing's clicks: a generated range of `generated` clicks, then any appended ones. A
 * Marketing Suite emailing draws other data from the same spec (the products number apart), and
 * sends its clicks and itself in that product's shape.
 */
export class FakeEmailing {
  readonly id: number;
  readonly product: Product;
  readonly subject: string;
  readonly sentAt: string;
  readonly destinations: number;
  readonly generated: number;
  /** False once a click was appended with a timestamp before the previous last one. */
  timestampsAscending = true;
  private readonly salt: number;
  private readonly firstSecond: number;
  private readonly spanSeconds: number;
  private readonly profiles: number;
  readonly profileStride: number;
  private readonly links: Link[];
  private readonly appended: string[] = [];

  constructor(spec: FakeEmailingSpec, seed: number, product: Product = 'publisher') {
    this.id = spec.id;
    this.product = product;
    this.salt = product === 'publisher' ? mix(seed ^ mix(spec.id)) : mix(seed ^ mix(spec.id ^ 0x4d53));
    this.generated = Math.max(0, Math.floor(spec.clicks));
    this.subject = spec.subject ?? `Nieuwsbrief ${spec.id}`;
    const sent =
      spec.sentAt ?? formatWallClock(parseWallClock('2024-03-04 09:00:00') + (spec.id % 97) * 86400);
    this.sentAt = sent;
    this.firstSecond = parseWallClock(spec.firstClickAt ?? formatWallClock(parseWallClock(sent) + 60));
    this.spanSeconds = Math.min(MAX_SPAN_SECONDS, Math.max(60, Math.round(this.generated * 0.8)));
    this.profiles = Math.max(1, Math.round(spec.profiles ?? this.generated * 0.3));
    this.profileStride = Math.max(1, Math.floor(spec.profileStride ?? 3));
    this.destinations = spec.destinations ?? Math.max(10, Math.round(this.profiles * 4));
    this.links = makeLinks(spec.id, this.salt);
  }

  get count(): number {
    return this.generated + this.appended.length;
  }

  /** One past the highest profile ID a click of this emailing can name (the database must hold it). */
  get profileIdEnd(): number {
    return PROFILE_BASE + (this.profiles - 1) * this.profileStride + 1;
  }

  /** One past the highest subprofile ID a click can name. */
  get subprofileIdEnd(): number {
    return SUBPROFILE_BASE + (this.profiles - 1) * 2 + 1;
  }

  idAt(k: number): number {
    return this.id * CLICK_ID_STRIDE + 2 * k + (mix(this.salt ^ (k + 0x632be5ab)) & 1);
  }

  timestampAt(k: number): string {
    if (k >= this.generated) return this.appended[k - this.generated] ?? '';
    const x = k / this.generated;
    return formatWallClock(this.firstSecond + Math.floor(this.spanSeconds * x * x));
  }

  /** Adds n clicks after the last one, at `timestamp` or one second after the last click. */
  append(n: number, timestamp?: string): void {
    const last = this.count > 0 ? this.timestampAt(this.count - 1) : null;
    const at = timestamp ?? formatWallClock(last === null ? this.firstSecond : parseWallClock(last) + 1);
    if (last !== null && at < last) this.timestampsAscending = false;
    for (let i = 0; i < n; i++) this.appended.push(at);
  }

  /** Click k as the JSON text of one `data` row. */
  rowJson(k: number, format: RowFormat): string {
    const q = format.numbersAsStrings ? '"' : '';
    const h1 = mix(this.salt ^ (k * 0x9e3779b1));
    const h2 = mix(h1 ^ 0x85ebca6b);
    const h3 = mix(h2 + 0x27d4eb2f);
    const h4 = mix(h3 ^ 0x165667b1);
    const u = (h1 & 0xffff) / 65536;
    const link = this.links[Math.floor(LINKS_PER_EMAILING * u * u)] ?? this.links[0]!;
    const agent = agentsJson[Math.floor(agentsJson.length * ((h1 >>> 16) / 65536) ** 2)] ?? agentsJson[0]!;
    const ip =
      h3 % 100 < 6
        ? `2a02:a46f:${hex4(h3 >>> 16)}:${hex4(h4)}::${hex4(k)}`
        : `${((h3 >>> 24) % 223) + 1}.${(h3 >>> 16) & 255}.${(h3 >>> 8) & 255}.${h3 & 255}`;
    const profileIndex = h4 % this.profiles;
    // statisticsJson counts clicking destinations with the same chain (profileIndexAt).
    const referer = (h2 >>> 16) % 100 < 22 ? JSON.stringify(referers[h2 % referers.length]) : 'null';
    const subprofile = (h2 >>> 8) % 100 < 10 ? `${q}${SUBPROFILE_BASE + profileIndex * 2}${q}` : 'null';
    if (this.product === 'ms') {
      // ms/emailing/$id/clicks: the emailing under `mailing`; no link_id, link_title or referer.
      return (
        `{"ID":${q}${this.idAt(k)}${q},"mailing":${q}${this.id}${q},"link":${link.urlJson},` +
        `"timestamp":"${this.timestampAt(k)}","ip":"${ip}","${format.userAgentKey}":${agent},` +
        `"destination":${q}${this.id * 1_000_000 + profileIndex}${q},"profile":${q}${PROFILE_BASE + profileIndex * this.profileStride}${q},` +
        `"subprofile":${subprofile}}`
      );
    }
    return (
      `{"ID":${q}${this.idAt(k)}${q},"link_id":${q}${link.id}${q},"link":${link.urlJson},` +
      `"link_title":${link.titleJson},"timestamp":"${this.timestampAt(k)}","ip":"${ip}",` +
      `"${format.userAgentKey}":${agent},"referer":${referer},"emailing":${q}${this.id}${q},` +
      `"destination":${q}${this.id * 1_000_000 + profileIndex}${q},"profile":${q}${PROFILE_BASE + profileIndex * this.profileStride}${q},` +
      `"subprofile":${subprofile}}`
    );
  }

  /** The profile (and destination) index of click k: the hash chain of rowJson. */
  private profileIndexAt(k: number): number {
    const h1 = mix(this.salt ^ (k * 0x9e3779b1));
    const h2 = mix(h1 ^ 0x85ebca6b);
    const h3 = mix(h2 + 0x27d4eb2f);
    return mix(h3 ^ 0x165667b1) % this.profiles;
  }

  private clickers: { count: number; unique: number } | null = null;

  /**
   * `publisher/emailing/$id/statistics`, counted from the clicks the fake holds: clicks.total is
   * every click, clicks.unique the clicking destinations. v2 has no destinations, deliveries or
   * dominant results (rest-get-publisher-emailing-statistics.md).
   */
  statisticsJson(format: RowFormat, version: string): Record<string, unknown> {
    const n = (value: number): string | number => (format.numbersAsStrings ? String(value) : value);
    if (this.clickers?.count !== this.count) {
      const seen = new Set<number>();
      for (let k = 0; k < this.count; k++) seen.add(this.profileIndexAt(k));
      this.clickers = { count: this.count, unique: seen.size };
    }
    const clickers = this.clickers.unique;
    const errors = Math.round(this.destinations * 0.01);
    const opened = Math.max(clickers, Math.round(this.destinations * 0.42));
    const unsubscribes = Math.round(this.destinations * 0.002);
    const pair = (total: number, unique: number) => ({ total: n(total), unique: n(unique) });
    const body: Record<string, unknown> = {
      errors: pair(errors, errors),
      impressions: pair(Math.round(opened * 1.6), opened),
      clicks: pair(this.count, clickers),
      unsubscribes: pair(unsubscribes, unsubscribes),
      abuses: pair(0, 0),
      unknown: { total: n(0) },
    };
    if (version === 'v2') return body;
    return {
      destinations: n(this.destinations),
      deliveries: { total: n(this.destinations - errors) },
      ...body,
      dominant_results: {
        destinations: n(this.destinations),
        errors: n(errors),
        abuses: n(0),
        unsubscribes: n(unsubscribes),
        clicks: n(clickers),
        impressions: n(opened - clickers),
        deliveries: n(this.destinations - errors - opened - unsubscribes),
      },
    };
  }

  /** The emailing as `publisher/emailings` lists it (`withTotals` adds errors, unsubscribes, abuses). */
  toJson(format: RowFormat, withTotals: boolean): Record<string, unknown> {
    const n = (value: number): string | number => (format.numbersAsStrings ? String(value) : value);
    if (this.product === 'ms') {
      // As `ms/emailings` lists it: no click or impression counters; destinations a number.
      return {
        id: n(this.id),
        timestamp: this.sentAt,
        template: n(600 + (this.id % 30)),
        subject: this.subject,
        from_address: { name: 'Voorbeeldwinkel', email: 'nieuws@voorbeeldwinkel.nl' },
        destinations: this.destinations,
        type: 'mass',
        target: { type: 'database', sources: [{ id: FAKE_DATABASE_ID_TEXT, type: 'database' }] },
      };
    }
    const item: Record<string, unknown> = {
      id: n(this.id),
      timestamp: this.sentAt,
      document: n(100 + (this.id % 50)),
      template: n(600 + (this.id % 30)),
      subject: this.subject,
      description: '',
      from_address: { name: 'Voorbeeldwinkel', email: 'nieuws@voorbeeldwinkel.nl' },
      destinations: n(this.destinations),
      testgroups: 0,
      type: 'mass',
      clicks: n(this.count),
      impressions: n(Math.round(this.destinations * 0.42)),
    };
    if (withTotals) {
      item.errors = n(Math.round(this.destinations * 0.01));
      item.unsubscribes = n(Math.round(this.destinations * 0.002));
      item.abuses = n(0);
    }
    item.contenttype = 'html';
    item.target = { type: 'database', sources: [{ id: FAKE_DATABASE_ID_TEXT, type: 'database' }] };
    return item;
  }
}

/**
 * `ms/emailing/$id/statistics`, as the v2 documentation shows it (destinations as a string,
 * `retries` beside the other counters), made up from the emailing's clicks.
 */
export function msStatisticsJson(emailing: FakeEmailing): Record<string, unknown> {
  const clicks = emailing.count;
  const impressions = Math.round(emailing.destinations * 0.42);
  return {
    destinations: String(emailing.destinations),
    abuses: { total: 0, unique: 0 },
    clicks: { total: clicks, unique: Math.min(clicks, Math.round(emailing.destinations * 0.08)) },
    deliveries: { total: emailing.destinations },
    errors: {
      total: Math.round(emailing.destinations * 0.01),
      unique: Math.round(emailing.destinations * 0.01),
    },
    impressions: { total: impressions * 2, unique: impressions },
    retries: {
      total: Math.round(emailing.destinations * 0.003),
      unique: Math.round(emailing.destinations * 0.002),
    },
    unsubscribes: {
      total: Math.round(emailing.destinations * 0.002),
      unique: Math.round(emailing.destinations * 0.002),
    },
  };
}

const firstNames = ['Anna', 'Bram', 'Chloé', 'Daan', 'Eva', 'Finn', 'Göksel', 'Hanna', 'Ilse', 'Jörg'];
const lastNames = ['de Vries', 'Jansen', 'Bakker', 'Müller', 'Visser', 'Smit', "O'Brien", 'Peeters'];

export function profileJson(id: number, seed: number, format: RowFormat): Record<string, unknown> {
  const h = mix(seed ^ mix(id));
  const first = firstNames[h % firstNames.length] ?? 'Anna';
  const last = lastNames[(h >>> 8) % lastNames.length] ?? 'Jansen';
  return {
    ID: format.numbersAsStrings ? String(id) : id,
    fields: {
      firstname: first,
      lastname: last,
      email: `${first
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}.${id}@example.com`,
      company: ['Voorbeeld BV', 'Bakkerij Smit', 'Müller & Söhne GmbH', 'De Vries Advies'][(h >>> 4) % 4],
      city: ['Amsterdam', 'Zürich', 'Utrecht', 'Gent'][h % 4],
    },
    interests: ['nieuwsbrief', 'aanbiedingen', 'evenementen'].filter((_, i) => (h >>> (16 + i)) & 1),
    database: format.numbersAsStrings ? FAKE_DATABASE_ID_TEXT : FAKE_DATABASE_ID,
    secret: (h.toString(16) + mix(h).toString(16)).padEnd(32, '0'),
    created: formatWallClock(parseWallClock('2019-01-01 00:00:00') + (h % 150_000_000)),
    modified: formatWallClock(parseWallClock('2024-01-01 00:00:00') + (h % 5_000_000)),
    removed: false,
  };
}

export function subprofileJson(id: number, seed: number, format: RowFormat): Record<string, unknown> {
  const h = mix(seed ^ mix(id ^ 0x5bd1e995));
  const profile = PROFILE_BASE + Math.floor((id - SUBPROFILE_BASE) / 2) * 3;
  return {
    ID: format.numbersAsStrings ? String(id) : id,
    secret: (mix(h).toString(16) + h.toString(16)).padEnd(32, '0'),
    fields: { ordernummer: `W${100000 + (h % 900000)}`, bedrag: ((h % 20000) / 100).toFixed(2) },
    profile: format.numbersAsStrings ? String(profile) : profile,
    collection: format.numbersAsStrings ? String(FAKE_COLLECTION_ID) : FAKE_COLLECTION_ID,
    created: formatWallClock(parseWallClock('2023-01-01 00:00:00') + (h % 30_000_000)),
    modified: formatWallClock(parseWallClock('2024-02-01 00:00:00') + (h % 3_000_000)),
    removed: false,
  };
}
