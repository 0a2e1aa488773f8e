/**
 * A fake Copernica REST API on 127.0.0.1 for tests, development and benchmarks. It follows the
 * documented behaviour (see ../shared/reference/copernica-api.md): the paging envelope, string
 * numbers, `fields[]` filters, a 1000-row cap, 400 JSON errors. It serves /v2 and /v3 alike, and
 * /v4 with JWTs from its own authentication endpoint (`POST /authenticate`, jwtIssuer.ts); both
 * products, Publisher (`publisher/…`, v4 `html/…`) and Marketing Suite (`ms/…`, v4
 * `draganddrop/…`); and can inject the faults seen on the live API on any of them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Product } from '../../shared/schemas/product';
import {
  FakeEmailing,
  msStatisticsJson,
  PROFILE_BASE,
  SUBPROFILE_BASE,
  profileJson,
  subprofileJson,
  type FakeEmailingSpec,
  type RowFormat,
  type UserAgentKey,
} from './data';
import { MixedEmailing } from './mixedClicks';
import { FakeDatabase, type FakeDatabaseSpec } from './database';
import { FaultQueue, applyListLies, hugeBody, loadbalancerPage, type Fault } from './faults';
import { type Condition, conditionsOf, pageOf, select, selectionSize } from './filters';
import { JwtIssuer, type JwtAnswerFormat, jwtAnswer } from './jwtIssuer';

export type { FakeEmailingSpec } from './data';
export type { FakeDatabaseSpec } from './database';
export type { Fault, FaultKind } from './faults';

export interface FakeCopernicaOptions {
  /** 0 (default) picks a free port. Always binds 127.0.0.1. */
  port?: number;
  /** Accepted access tokens, default ['test-token']. */
  tokens?: string[];
  emailings?: FakeEmailingSpec[];
  seed?: number;
  /** Which key clicks carry the user agent under (default 'useragent'; before 2019 'user-agent'). */
  userAgentKey?: UserAgentKey;
  /** Row IDs and counters as JSON strings, as the real API (default true). */
  numbersAsStrings?: boolean;
  /** Added to every answer, default 0. */
  latencyMs?: number;
  /** Marketing Suite emailings (`ms/…`), default none; their IDs are apart from Publisher's. */
  msEmailings?: FakeEmailingSpec[];
  /** Tokens created "only available for API v4": exchanged for JWTs, refused by v2 and v3. */
  v4OnlyTokens?: string[];
  /** Seconds a v4 JWT is valid, default 24 hours. */
  jwtLifetimeSeconds?: number;
  /** How the authentication endpoint answers: a bare JWT (default) or a JSON object holding it. */
  jwtFormat?: JwtAnswerFormat;
  /**
   * Which v4 path spellings answer: `current` (html/, draganddrop/), `legacy` (publisher/, ms/)
   * or `both` (default); the other gets 404.
   */
  v4Paths?: 'current' | 'legacy' | 'both';
  /**
   * The databases the profile calls serve (database.ts); default one, FAKE_DATABASE_ID, holding
   * every profile and subprofile the emailings' clicks name.
   */
  databases?: FakeDatabaseSpec[];
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The Authorization header as sent, if any. */
  authorization?: string;
  /** 0 while unanswered, or when the connection was dropped on purpose. */
  status: number;
}

export interface RequestInfo {
  method: string;
  path: string;
  query: URLSearchParams;
  /** 1 for the first request the server received. */
  number: number;
}

/** A click as the API sends it (one element of `data`). */
export type RawClick = Record<string, string | number | null>;

export interface FakeCopernica {
  /** e.g. 'http://127.0.0.1:43123/v2'; /v3 behaves the same, /v4 takes JWTs from authUrl. */
  readonly url: string;
  /** The v4 authentication endpoint, e.g. 'http://127.0.0.1:43123/authenticate'. */
  readonly authUrl: string;
  readonly port: number;
  /** The most recent requests (up to 10 000), oldest first. */
  readonly requests: RequestLogEntry[];
  /** Requests being answered right now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  resetStats(): void;
  appendClicks(emailingId: number, n: number, opts?: { timestamp?: string; product?: Product }): void;
  clicksOf(emailingId: number, product?: Product): RawClick[];
  clickCount(emailingId: number, product?: Product): number;
  /** Every v4 JWT issued so far is refused from now on (401). */
  revokeJwts(): void;
  /** Moves the fake's JWT clock on, so that JWTs issued before lapse (401). */
  advanceJwtClock(ms: number): void;
  /** JWTs issued so far. */
  readonly jwtsIssued: number;
  inject(fault: Fault): void;
  clearFaults(): void;
  /**
   * Requests received since the start or resetStats, per route with the IDs left out
   * (`profile/$id`, `database/$id/profiles`, …): unlike `requests`, never capped.
   */
  requestCounts(): Record<string, number>;
  /** A database the fake serves (default the first). */
  database(id?: number): FakeDatabase;
  /** The profile keeps its ID but loses its values and gets a removed date; the lists leave it out. */
  removeProfile(id: number): void;
  /** Field values of a profile changed at Copernica (its `modified` moves on). */
  changeProfile(id: number, fields: Record<string, string>): void;
  /** Called as each request arrives, before it is answered. */
  onRequest?: (info: RequestInfo) => void;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_EMAILINGS: FakeEmailingSpec[] = [
  { id: 1001, subject: 'Voorjaarsactie', sentAt: '2024-03-04 09:00:00', clicks: 2500 },
  { id: 1002, subject: 'Nieuwsbrief maart – café & crème', sentAt: '2024-03-11 09:30:00', clicks: 120 },
  { id: 1003, subject: 'Uitnodiging', sentAt: '2024-03-18 10:00:00', clicks: 0 },
];

const REQUEST_LOG_CAP = 10_000;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

function json(status: number, value: unknown): Answer {
  return { status, body: JSON.stringify(value) };
}

function apiError(message: string): Answer {
  return json(400, { error: { message } });
}

const noEntity = apiError('No entity with supplied ID');

const notFound: Answer = {
  status: 404,
  body: '<html><body>Not Found</body></html>',
  headers: { 'Content-Type': 'text/html' },
};

/** The path the fake's authentication endpoint answers (Copernica's is a host of its own). */
export const FAKE_AUTH_PATH = '/authenticate';

const v4Spellings: Record<'current' | 'legacy', Record<string, string>> = {
  current: { html: 'publisher', draganddrop: 'ms' },
  legacy: { publisher: 'publisher', ms: 'ms' },
};

/** A v4 path's first segment as the v2 one it stands for, or null where this fake answers 404. */
function v4Product(
  first: string | undefined,
  paths: 'current' | 'legacy' | 'both',
): string | null | undefined {
  if (first !== 'html' && first !== 'draganddrop' && first !== 'publisher' && first !== 'ms')
    return undefined;
  for (const spelling of paths === 'both' ? (['current', 'legacy'] as const) : [paths]) {
    const mapped = v4Spellings[spelling][first];
    if (mapped) return mapped;
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number.parseInt(raw, 10);
  return Number.isNaN(n) ? fallback : n;
}

/** `total` is on unless it is sent as false, 0 or no (rmuit's isBooleanTrue). */
function wantsTotal(query: URLSearchParams): boolean {
  const raw = query.get('total');
  if (raw === null) return true;
  return !['false', '0', 'no', ''].includes(raw.trim().toLowerCase());
}

function paging(query: URLSearchParams): { start: number; limit: number; total: boolean } {
  return {
    start: intParam(query, 'start', 0),
    limit: Math.min(MAX_LIMIT, intParam(query, 'limit', DEFAULT_LIMIT)),
    total: wantsTotal(query),
  };
}

function envelope(start: number, limit: number, total: number | null, rows: string[]): string {
  return (
    `{"start":${start},"limit":${limit},"count":${rows.length}` +
    (total === null ? '' : `,"total":${total}`) +
    `,"data":[${rows.join(',')}]}`
  );
}

function positiveId(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

export async function createFakeCopernica(options: FakeCopernicaOptions = {}): Promise<FakeCopernica> {
  const tokens = new Set(options.tokens ?? ['test-token']);
  const seed = options.seed ?? 1;
  const format: RowFormat = {
    userAgentKey: options.userAgentKey ?? 'useragent',
    numbersAsStrings: options.numbersAsStrings ?? true,
  };
  const latencyMs = options.latencyMs ?? 0;
  const emailings = new Map<number, FakeEmailing>();
  for (const spec of options.emailings ?? DEFAULT_FAKE_EMAILINGS) {
    emailings.set(
      spec.id,
      spec.mixed ? new MixedEmailing(spec, seed, spec.mixed) : new FakeEmailing(spec, seed),
    );
  }
  const msEmailings = new Map<number, FakeEmailing>();
  for (const spec of options.msEmailings ?? []) msEmailings.set(spec.id, new FakeEmailing(spec, seed, 'ms'));
  const allEmailings = [...emailings.values(), ...msEmailings.values()];
  const databases = (
    options.databases ?? [
      {
        profiles: Math.max(1000, ...allEmailings.map((e) => e.profileIdEnd - PROFILE_BASE)),
        subprofiles: Math.max(1000, ...allEmailings.map((e) => e.subprofileIdEnd - SUBPROFILE_BASE)),
      },
    ]
  ).map((spec) => new FakeDatabase(spec, seed));
  const counts = new Map<string, number>();
  const v4OnlyTokens = new Set(options.v4OnlyTokens ?? []);
  const jwts = new JwtIssuer({ lifetimeSeconds: options.jwtLifetimeSeconds });
  const v4Paths = options.v4Paths ?? 'both';
  const faults = new FaultQueue();
  const requests: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let received = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const emailingOr = (id: string | undefined, of = emailings): FakeEmailing | null => {
    const n = positiveId(id);
    return n === null ? null : (of.get(n) ?? null);
  };

  /** `ms/…`: the emailings list, one emailing, its clicks (begintime/endtime, no fields[]), its statistics. */
  function msRoute(segments: string[], query: URLSearchParams): Answer {
    const [, second, third, fourth] = segments;
    if (second === 'emailings' && segments.length === 2) {
      const { start, limit, total } = paging(query);
      const all = [...msEmailings.values()].sort((a, b) =>
        a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0,
      );
      const rows =
        start < 0 || limit < 0
          ? []
          : all.slice(start, start + limit).map((e) => JSON.stringify(e.toJson(format, false)));
      return { status: 200, body: envelope(start, limit, total ? all.length : null, rows) };
    }
    if (second !== 'emailing' || (segments.length !== 3 && segments.length !== 4))
      return apiError('Invalid method');
    const emailing = emailingOr(third, msEmailings);
    if (!emailing) return apiError('No emailing with supplied ID');
    if (segments.length === 3) return json(200, emailing.toJson(format, false));
    if (fourth === 'statistics') return json(200, msStatisticsJson(emailing));
    if (fourth !== 'clicks') return apiError('Invalid method');
    // "begintime: after which", "endtime: before which": taken as strict, the stricter reading.
    const conditions: Condition[] = [];
    const begin = query.get('begintime');
    const end = query.get('endtime');
    if (begin) conditions.push({ field: 'timestamp', op: '>', value: begin });
    if (end) conditions.push({ field: 'timestamp', op: '<', value: end });
    const { start, limit, total } = paging(query);
    const selection = select(emailing, conditions);
    const rows = pageOf(selection, start, limit).map((k) => emailing.rowJson(k, format));
    return { status: 200, body: envelope(start, limit, total ? selectionSize(selection) : null, rows) };
  }

  function route(segments: string[], query: URLSearchParams, version: string): Answer {
    const [first, second, third, fourth] = segments;
    if (first === 'identity' && segments.length === 1) {
      return json(200, {
        id: format.numbersAsStrings ? '34' : 34,
        name: 'Development',
        description: 'This is an account to test with',
        company: 'Copernica BV',
        customer: { id: '3871', name: 'Copernica BV', isPartner: false },
        usedBy: [],
        license: { id: '5679', isTrial: false },
      });
    }
    if (first === 'publisher' && second === 'emailings' && segments.length === 2) {
      const { start, limit, total } = paging(query);
      const all = [...emailings.values()].sort((a, b) =>
        a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0,
      );
      const rows =
        start < 0 || limit < 0
          ? []
          : all.slice(start, start + limit).map((e) => JSON.stringify(e.toJson(format, true)));
      return { status: 200, body: envelope(start, limit, total ? all.length : null, rows) };
    }
    if (first === 'publisher' && second === 'emailing' && (segments.length === 3 || segments.length === 4)) {
      const emailing = emailingOr(third);
      if (!emailing) return noEntity;
      if (segments.length === 3) return json(200, emailing.toJson(format, false));
      if (fourth === 'statistics') return json(200, emailing.statisticsJson(format, version));
      if (fourth !== 'clicks') return apiError('Invalid method');
      const { start, limit, total } = paging(query);
      const selection = select(emailing, conditionsOf(query));
      const rows = pageOf(selection, start, limit).map((k) => emailing.rowJson(k, format));
      return { status: 200, body: envelope(start, limit, total ? selectionSize(selection) : null, rows) };
    }
    if (first === 'ms') return msRoute(segments, query);
    if ((first === 'profile' || first === 'subprofile') && segments.length === 2) {
      const id = positiveId(second);
      if (first === 'profile') {
        if (id === null || id < PROFILE_BASE) return noEntity;
        const holder = databases.find((d) => d.profiles.has(id));
        return json(200, holder ? holder.profileJson(id, format) : profileJson(id, seed, format));
      }
      if (id === null || id < SUBPROFILE_BASE) return apiError('No subprofile with supplied ID');
      const holder = databases.find((d) => d.subprofiles.has(id));
      return json(200, holder ? holder.subprofileJson(id, format) : subprofileJson(id, seed, format));
    }
    if ((first === 'database' || first === 'collection') && segments.length === 3) {
      const n = positiveId(second);
      const database = databases.find((d) => (first === 'database' ? d.id : d.collectionId) === n);
      if (!database) return noEntity;
      const kind = first === 'database' ? 'profiles' : 'subprofiles';
      const { start, limit, total } = paging(query);
      if (third === 'fields') {
        const all = database.fieldsJson(kind, format);
        const rows = start < 0 || limit < 0 ? [] : all.slice(start, start + limit);
        return { status: 200, body: envelope(start, limit, total ? all.length : null, rows) };
      }
      if (third !== kind) return apiError('Invalid method');
      const page = database.list(kind, query, start, limit, format);
      return { status: 200, body: envelope(start, limit, total ? page.total : null, page.rows) };
    }
    return apiError('Invalid method');
  }

  /** POST /authenticate with `access_token=…`: a JWT for any token v2 or v4 accepts. */
  async function authenticate(req: IncomingMessage): Promise<Answer> {
    if (req.method !== 'POST') return apiError('Use POST');
    const given = new URLSearchParams(await readBody(req)).get('access_token') ?? '';
    if (!tokens.has(given) && !v4OnlyTokens.has(given))
      return json(401, { error: { message: 'Invalid access token' } });
    const { body, contentType } = jwtAnswer(jwts.issue(), options.jwtFormat ?? 'text');
    return { status: 200, body, headers: { 'Content-Type': contentType } };
  }

  function send(res: ServerResponse, answer: Answer, entry: RequestLogEntry): void {
    if (res.destroyed) return;
    entry.status = answer.status;
    const body = Buffer.from(answer.body);
    res.writeHead(answer.status, {
      'Content-Type': answer.headers?.['Content-Type'] ?? 'application/json',
      'Content-Length': body.length,
      ...answer.headers,
    });
    res.end(body);
  }

  async function sendHugeBody(res: ServerResponse, fault: Fault, entry: RequestLogEntry): Promise<void> {
    entry.status = 200;
    const body = hugeBody(fault.bytes ?? 100 * 1024 * 1024);
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (!fault.chunked) headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    const drained = (): Promise<void> =>
      new Promise((resolve) => {
        const done = (): void => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    for (const chunk of body.chunks()) {
      // The client hung up (it refused the body): stop generating.
      if (res.destroyed || closed) return;
      if (!res.write(chunk)) await drained();
    }
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams;
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, query, status: 0 };
    if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
    requests.push(entry);
    if (requests.length > REQUEST_LOG_CAP) requests.splice(0, requests.length - REQUEST_LOG_CAP);
    received++;
    const routeKey = url.pathname
      .split('/')
      .filter((x) => x !== '')
      .slice(1)
      .map((x) => (/^\d+$/.test(x) ? '$id' : x))
      .join('/');
    counts.set(routeKey, (counts.get(routeKey) ?? 0) + 1);
    fake.onRequest?.({ method: entry.method, path: entry.path, query, number: received });
    if (latencyMs > 0) await wait(latencyMs);

    const fault = faults.take(url.pathname);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await wait(fault.delayMs ?? 5000);
    if (closed || res.destroyed) return;
    if (fault?.kind === 'html502' || fault?.kind === 'html503' || fault?.kind === 'html504') {
      const status = Number(fault.kind.slice(4));
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
      if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
      send(res, { status, body: loadbalancerPage(status), headers }, entry);
      return;
    }
    if (fault?.kind === 'status429') {
      const body = JSON.stringify({ error: { message: 'Too many requests' } });
      send(res, { status: 429, body, headers: { 'Retry-After': fault.retryAfter ?? '1' } }, entry);
      return;
    }
    if (fault?.kind === 'json400') {
      send(res, apiError(fault.message ?? 'Invalid request'), entry);
      return;
    }
    if (fault?.kind === 'hugeBody') {
      await sendHugeBody(res, fault, entry);
      return;
    }

    const segments = url.pathname.split('/').filter((s) => s !== '');
    const version = segments.shift();
    let answer: Answer;
    const token = query.get('access_token') ?? '';
    // v4's spellings (html/, draganddrop/ and the older ones) answered as v2's.
    const routed =
      version === 'v4'
        ? [v4Product(segments[0], v4Paths) ?? segments[0] ?? '', ...segments.slice(1)]
        : segments;
    if (url.pathname === FAKE_AUTH_PATH) {
      answer = await authenticate(req);
    } else if (version !== 'v2' && version !== 'v3' && version !== 'v4') {
      answer = notFound;
    } else if (req.method !== 'GET') {
      answer = apiError('Only GET is supported by this fake');
    } else if (version === 'v4' && jwts.check(req.headers.authorization) !== 'ok') {
      const check = jwts.check(req.headers.authorization);
      answer = json(401, { error: { message: check === 'expired' ? 'Token expired' : 'Invalid token' } });
    } else if (version === 'v4' && v4Product(segments[0], v4Paths) === null) {
      answer = notFound;
    } else if (version !== 'v4' && v4OnlyTokens.has(token)) {
      answer = apiError('This access token is only available for API v4');
    } else if (version !== 'v4' && !tokens.has(token)) {
      answer = apiError('Invalid access token');
    } else if (fault?.kind === 'stuckPage') {
      // A proxy that ignores the offset: the same page comes back whatever was asked.
      const stuck = new URLSearchParams(query);
      stuck.set('start', String(fault.stuckAt ?? 0));
      answer = route(routed, stuck, version);
    } else {
      answer = route(routed, query, version);
    }
    if ((fault?.envelope || fault?.rowEdits) && answer.status === 200) {
      answer = { ...answer, body: applyListLies(answer.body, fault) };
    }

    if (fault?.kind === 'truncate') {
      entry.status = answer.status;
      const bytes = Buffer.from(answer.body);
      const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
      if (!fault.chunked) headers['Content-Length'] = bytes.length;
      res.writeHead(answer.status, headers);
      res.write(cut, () => res.destroy());
      return;
    }
    send(res, answer, entry);
  }

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('fake server error');
      } else {
        res.destroy();
      }
    });
  });
  // Longer than undici's 4 s idle keep-alive, so the client closes idle connections first.
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const emailingFor = (id: number, product: Product = 'publisher'): FakeEmailing => {
    const emailing = (product === 'ms' ? msEmailings : emailings).get(id);
    if (!emailing) throw new RangeError(`the fake has no emailing ${id}`);
    return emailing;
  };

  const fake: FakeCopernica = {
    url: `http://127.0.0.1:${port}/v2`,
    authUrl: `http://127.0.0.1:${port}${FAKE_AUTH_PATH}`,
    port,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    resetStats() {
      requests.length = 0;
      counts.clear();
      maxInFlight = inFlight;
    },
    appendClicks(emailingId, n, opts) {
      emailingFor(emailingId, opts?.product).append(n, opts?.timestamp);
    },
    clicksOf(emailingId, product) {
      const emailing = emailingFor(emailingId, product);
      const rows: RawClick[] = [];
      for (let k = 0; k < emailing.count; k++) rows.push(JSON.parse(emailing.rowJson(k, format)) as RawClick);
      return rows;
    },
    clickCount(emailingId, product) {
      return emailingFor(emailingId, product).count;
    },
    revokeJwts() {
      jwts.revokeAll();
    },
    advanceJwtClock(ms) {
      jwts.skewMs += ms;
    },
    get jwtsIssued() {
      return jwts.count;
    },
    inject(fault) {
      faults.inject(fault);
    },
    clearFaults() {
      faults.clear();
    },
    requestCounts() {
      return Object.fromEntries(counts);
    },
    database(id) {
      const found = id === undefined ? databases[0] : databases.find((d) => d.id === id);
      if (!found) throw new RangeError(`the fake has no database ${id}`);
      return found;
    },
    removeProfile(id) {
      const holder = databases.find((d) => d.profiles.has(id));
      if (!holder) throw new RangeError(`no fake database holds profile ${id}`);
      holder.profiles.remove(id);
    },
    changeProfile(id, fields) {
      const holder = databases.find((d) => d.profiles.has(id));
      if (!holder) throw new RangeError(`no fake database holds profile ${id}`);
      holder.profiles.changed.set(id, { ...holder.profiles.changed.get(id), ...fields });
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
