/**
 * The Copernica REST client: v2/v3 with the access token in the query string, v4 with a JWT in
 * a bearer header (jwtSession.ts), chosen by the base URL's last segment. One instance per
 * account: its limiter bounds the requests in flight for that account across all methods, and
 * under v4 it holds the account's JWT and which path spelling its server answers
 * (productPaths.ts). Every call retries what is temporary (429, 5xx, resets, timeouts, cut-off or
 * non-JSON 200 bodies) with backoff, and fails with an AppError whose message never contains the
 * token.
 */
import { AppError } from '../../shared/errors';
import type { ApiVersion } from '../../shared/schemas/accounts';
import type { Product } from '../../shared/schemas/product';
import { formatWallClock, parseWallClock, readWallClockInput } from '../../shared/wallClock';
import {
  type Failure,
  type RequestPlace,
  describeFailure,
  finalError,
  httpFailure,
  looksLikeHtml,
  networkCode,
  permanentHttpError,
} from './errors';
import { checkedApiBase } from './apiAddress';
import { type HttpGet, type HttpResponse, isBodyTooLarge, nodeHttpGet } from './httpGet';
import {
  DEFAULT_AUTH_URL,
  DEFAULT_JWT_RENEW_BEFORE_MS,
  type HttpPost,
  JwtSession,
  fetchPost,
} from './jwtSession';
import { apiVersionOfBase, productPrefixes } from './productPaths';
import { Limiter } from './limiter';
import {
  clickRow,
  emailingRow,
  msClickRow,
  parseEmailing,
  parseIdentity,
  parsePage,
  parseDatabaseField,
  parseProfile,
  parseSubprofile,
  profileRow,
  subprofileRow,
} from './parse';
import { type CopernicaStatistics, parseCopernicaStatistics } from '../figures/copernicaStatistics';
import { backoffDelay, cancelledError, sleep as defaultSleep } from './retry';
import type { Click, DatabaseField, Identity, Page, Profile, PublisherEmailing, Subprofile } from './types';

export const DEFAULT_BASE_URL = 'https://api.copernica.com/v2';
export const DEFAULT_USER_AGENT = 'CopernicaClicks/0.1.0 (+desktop reporting app)';
/** The documented maximum page size of list calls. */
export const MAX_PAGE_SIZE = 1000;
/**
 * The longest answer body read, by default. The largest answer we ask for, a page of 1000
 * clicks, is about 0.5 MB; 64 MB leaves room for a hundred times that, and bounds what one
 * answer costs while it is decoded (about five times its size) to a few hundred MB. A longer
 * body is a server's or a proxy's fault: it is refused, not retried.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface RetryInfo {
  /** The attempt that failed (1 for the first try). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface CopernicaClientOptions {
  /**
   * Default 'https://api.copernica.com/v2'; v3 works the same; one ending in /v4 speaks REST v4.
   * A trailing slash is tolerated.
   */
  baseUrl?: string;
  /** v2/v3: sent as the access_token query parameter; v4: exchanged for a JWT at `authUrl`. */
  token: string;
  /** v4's JWT endpoint, default DEFAULT_AUTH_URL. */
  authUrl?: string;
  /** How the JWT exchange is POSTed; default fetch. */
  post?: HttpPost;
  /** v4: a JWT is renewed this long before its expiry, default DEFAULT_JWT_RENEW_BEFORE_MS. */
  jwtRenewBeforeMs?: number;
  /** Milliseconds since the epoch, for the JWT's expiry; default Date.now. */
  now?: () => number;
  /** How a GET is made; default node:http(s) with keep-alive (see httpGet.ts). `fetch` fits too. */
  fetch?: HttpGet;
  /** Per attempt, default 60 000. */
  timeoutMs?: number;
  /** First try plus retries, default 6. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Retry-After values are clamped to this, default 300 000. */
  maxRetryAfterMs?: number;
  /** Requests in flight for this client, default 2. */
  concurrency?: number;
  /** The longest body read, default DEFAULT_MAX_RESPONSE_BYTES; longer ones fail with bad_response. */
  maxResponseBytes?: number;
  userAgent?: string;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

export interface EmailingsQuery {
  start: number;
  /** Default and maximum 1000. */
  limit?: number;
  /** Ask for the total (default true). */
  total?: boolean;
}

export interface ClicksQuery {
  start: number;
  /** Default and maximum 1000. */
  limit?: number;
  /** `YYYY-MM-DD HH:MM:SS`: only clicks at or after this wall-clock time (`fields[]=timestamp>=…`). */
  since?: string | null;
  /** Ask for the total (default true); false sends total=false, which is faster for Copernica. */
  total?: boolean;
}

/**
 * `missing`: a 404 where another spelling of the path may answer (v4); `unauthorized`: a 401 to
 * a v4 request, whose JWT is then renewed once.
 */
type Outcome =
  | { ok: true; body: unknown }
  | { ok: false; failure: Failure }
  | { ok: 'missing' }
  | { ok: 'unauthorized'; jwt: string };
type Param = readonly [name: string, value: string];

/** Returned by request for a 404 that another spelling of the path may answer. */
const MISSING: unique symbol = Symbol('missing');

/** A page of a database's profiles (or a collection's subprofiles), perhaps of an ID range only. */
export interface EntitiesQuery {
  start: number;
  /** Default and maximum 1000. */
  limit?: number;
  /** Ask for the total (default true). */
  total?: boolean;
  /** Only IDs at or above this (`fields[]=id>=…`). */
  fromId?: number;
  /** Only IDs at or below this (`fields[]=id<=…`). */
  toId?: number;
}

function entitiesParams(q: EntitiesQuery): Param[] {
  const params = pageParams(q.start, q.limit, q.total);
  if (q.fromId !== undefined) {
    requirePositiveId(q.fromId, 'The first ID');
    params.push(['fields[]', `id>=${q.fromId}`]);
  }
  if (q.toId !== undefined) {
    requirePositiveId(q.toId, 'The last ID');
    params.push(['fields[]', `id<=${q.toId}`]);
  }
  // In ID order, so that an ID range pages without gaps or repeats.
  params.push(['orderby', 'id'], ['order', 'asc']);
  return params;
}

export interface StatisticsQuery {
  /** `YYYY-MM-DD HH:MM:SS`: only what happened after this wall-clock time. */
  begintime?: string;
  /** `YYYY-MM-DD HH:MM:SS`: only what happened before this wall-clock time. */
  endtime?: string;
}

/** A wall-clock time given to a call, checked before it is sent. */
function wallClockParam(text: string, what: string): string {
  const canonical = readWallClockInput(text);
  if (canonical === null) {
    throw new AppError(
      'invalid_input',
      `The "${what}" time must be a real date and time, YYYY-MM-DD HH:MM:SS.`,
    );
  }
  return canonical;
}

function requirePositiveId(id: number, what: string): void {
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new AppError('invalid_input', `${what} must be a positive whole number.`);
  }
}

function pageParams(start: number, limit: number | undefined, total: boolean | undefined): Param[] {
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new AppError('invalid_input', 'The page start must be a whole number of at least 0.');
  }
  const size = limit ?? MAX_PAGE_SIZE;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new AppError('invalid_input', 'The page size must be a whole number of at least 1.');
  }
  const params: Param[] = [
    ['start', String(start)],
    ['limit', String(Math.min(size, MAX_PAGE_SIZE))],
  ];
  if (total === false) params.push(['total', 'false']);
  return params;
}

export class CopernicaClient {
  /** The REST version the base URL names. */
  readonly version: ApiVersion;
  private readonly baseUrl: string;
  private readonly host: string;
  private readonly token: string;
  private readonly fetchImpl: HttpGet;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly headers: Record<string, string>;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly onRetry: ((info: RetryInfo) => void) | undefined;
  private readonly limiter: Limiter;
  private readonly maxResponseBytes: number;
  private readonly session: JwtSession | null;
  /** v4: the path prefix each product's calls answered under (productPaths.ts). */
  private readonly prefixOf = new Map<Product, string>();

  constructor(options: CopernicaClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.version = apiVersionOfBase(this.baseUrl);
    // Refused before anything is sent: plain http anywhere but loopback (see apiAddress.ts).
    this.host = checkedApiBase(this.baseUrl).host;
    this.token = options.token;
    this.fetchImpl = options.fetch ?? nodeHttpGet;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffCapMs = options.backoffCapMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
    this.headers = { 'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT, Accept: 'application/json' };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
    this.limiter = new Limiter(options.concurrency ?? 2);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const authUrl = options.authUrl ?? DEFAULT_AUTH_URL;
    // The token goes to the authentication endpoint instead: the same rule as for the API base.
    if (this.version === 'v4') checkedApiBase(authUrl);
    this.session =
      this.version === 'v4'
        ? new JwtSession({
            authUrl,
            token: this.token,
            post: options.post ?? fetchPost,
            userAgent: this.headers['User-Agent'] as string,
            timeoutMs: this.timeoutMs,
            now: options.now ?? Date.now,
            renewBeforeMs: options.jwtRenewBeforeMs ?? DEFAULT_JWT_RENEW_BEFORE_MS,
          })
        : null;
  }

  async identity(signal?: AbortSignal): Promise<Identity> {
    return this.get('identity', [], parseIdentity, signal);
  }

  async emailingsPage(
    q: EmailingsQuery,
    signal?: AbortSignal,
    product: Product = 'publisher',
  ): Promise<Page<PublisherEmailing>> {
    return this.productGet(
      product,
      'emailings',
      pageParams(q.start, q.limit, q.total),
      (body, what) => parsePage(body, what, emailingRow(what)),
      signal,
    );
  }

  /**
   * Every Publisher emailing of the account, page by page. It ends on an empty page, or on a
   * page that starts with the same emailing as the one before (a server that ignores `start`),
   * whatever the total says: a lying total must not make it ask forever.
   */
  async listEmailings(signal?: AbortSignal, product: Product = 'publisher'): Promise<PublisherEmailing[]> {
    const all: PublisherEmailing[] = [];
    let start = 0;
    let previousFirst: number | undefined;
    for (;;) {
      const page = await this.emailingsPage({ start, limit: MAX_PAGE_SIZE }, signal, product);
      const first = page.data[0]?.id;
      if (page.count === 0 || first === previousFirst) return all;
      previousFirst = first;
      all.push(...page.data);
      start += page.count;
      if (page.total !== null && start >= page.total) return all;
    }
  }

  async emailing(
    id: number,
    signal?: AbortSignal,
    product: Product = 'publisher',
  ): Promise<PublisherEmailing> {
    requirePositiveId(id, 'The emailing ID');
    return this.productGet(product, `emailing/${id}`, [], parseEmailing, signal);
  }

  /** A Marketing Suite emailing (`ms/emailing/$id`). */
  async msEmailing(id: number, signal?: AbortSignal): Promise<PublisherEmailing> {
    return this.emailing(id, signal, 'ms');
  }

  async clicksPage(emailingId: number, q: ClicksQuery, signal?: AbortSignal): Promise<Page<Click>> {
    requirePositiveId(emailingId, 'The emailing ID');
    const params = pageParams(q.start, q.limit, q.total);
    if (q.since != null) {
      const since = readWallClockInput(q.since);
      if (since === null) {
        throw new AppError(
          'invalid_input',
          'The "since" time must be a real date and time, YYYY-MM-DD HH:MM:SS.',
        );
      }
      params.push(['fields[]', `timestamp>=${since}`]);
    }
    return this.productGet(
      'publisher',
      `emailing/${emailingId}/clicks`,
      params,
      (body, what) => parsePage(body, what, clickRow),
      signal,
    );
  }

  /**
   * A page of a Marketing Suite emailing's clicks (`ms/emailing/$id/clicks`). That call has no
   * `fields[]`: its time filter is `begintime`, "after which", and whether a click at that very
   * second counts is not documented. It is sent one second before `since`, so the watermark's
   * second is always included and the upsert on click ID drops the repeats.
   */
  async msClicksPage(emailingId: number, q: ClicksQuery, signal?: AbortSignal): Promise<Page<Click>> {
    requirePositiveId(emailingId, 'The emailing ID');
    const params = pageParams(q.start, q.limit, q.total);
    if (q.since != null) {
      const since = parseWallClock(wallClockParam(q.since, 'since')) as number;
      params.push(['begintime', formatWallClock(since - 1)]);
    }
    return this.productGet(
      'ms',
      `emailing/${emailingId}/clicks`,
      params,
      (body, what) => parsePage(body, what, msClickRow),
      signal,
    );
  }

  /**
   * An emailing's statistics (`…/emailing/$id/statistics`): a bare object, read by `parse`
   * (the key figures' parser). Marketing Suite's also counts `retries`.
   */
  async statistics<T>(
    product: Product,
    emailingId: number,
    parse: (body: unknown, what: string) => T,
    q: StatisticsQuery = {},
    signal?: AbortSignal,
  ): Promise<T> {
    requirePositiveId(emailingId, 'The emailing ID');
    const params: Param[] = [];
    if (q.begintime !== undefined) params.push(['begintime', wallClockParam(q.begintime, 'begintime')]);
    if (q.endtime !== undefined) params.push(['endtime', wallClockParam(q.endtime, 'endtime')]);
    return this.productGet(product, `emailing/${emailingId}/statistics`, params, parse, signal);
  }

  /**
   * Copernica's own statistics of a Publisher emailing (a bare object, not a page), read by the
   * key figures' parser; under v4 from `html/emailing/$id/statistics`.
   */
  async emailingStatistics(emailingId: number, signal?: AbortSignal): Promise<CopernicaStatistics> {
    return this.statistics('publisher', emailingId, parseCopernicaStatistics, {}, signal);
  }

  /** The same of a Marketing Suite emailing (`ms/emailing/$id/statistics`, with `retries`). */
  async msEmailingStatistics(emailingId: number, signal?: AbortSignal): Promise<CopernicaStatistics> {
    return this.statistics('ms', emailingId, parseCopernicaStatistics, {}, signal);
  }

  async profile(id: number, signal?: AbortSignal): Promise<Profile> {
    requirePositiveId(id, 'The profile ID');
    return this.get(`profile/${id}`, [], parseProfile, signal);
  }

  async subprofile(id: number, signal?: AbortSignal): Promise<Subprofile> {
    requirePositiveId(id, 'The subprofile ID');
    return this.get(`subprofile/${id}`, [], parseSubprofile, signal);
  }

  /** The fields of a database (`database/$id/fields`) or of a collection (`collection/$id/fields`). */
  async fieldsOf(
    kind: 'database' | 'collection',
    id: number,
    signal?: AbortSignal,
  ): Promise<DatabaseField[]> {
    requirePositiveId(id, kind === 'database' ? 'The database ID' : 'The collection ID');
    const page = await this.get(
      `${kind}/${id}/fields`,
      pageParams(0, MAX_PAGE_SIZE, false),
      (body, what) => parsePage(body, what, parseDatabaseField),
      signal,
    );
    return page.data;
  }

  /** A page of a database's profiles (`database/$id/profiles`), in ID order. */
  async databaseProfilesPage(
    databaseId: number,
    q: EntitiesQuery,
    signal?: AbortSignal,
  ): Promise<Page<Profile>> {
    requirePositiveId(databaseId, 'The database ID');
    return this.get(
      `database/${databaseId}/profiles`,
      entitiesParams(q),
      (body, what) => parsePage(body, what, profileRow),
      signal,
    );
  }

  /** A page of a collection's subprofiles (`collection/$id/subprofiles`), in ID order. */
  async collectionSubprofilesPage(
    collectionId: number,
    q: EntitiesQuery,
    signal?: AbortSignal,
  ): Promise<Page<Subprofile>> {
    requirePositiveId(collectionId, 'The collection ID');
    return this.get(
      `collection/${collectionId}/subprofiles`,
      entitiesParams(q),
      (body, what) => parsePage(body, what, subprofileRow),
      signal,
    );
  }

  /** v2/v3 carry the token in the query string; v4 in no URL (its JWT goes in a header). */
  private url(path: string, params: readonly Param[]): string {
    const query = this.session ? [...params] : [['access_token', this.token] as const, ...params];
    const text = query.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
    return `${this.baseUrl}/${path}${text === '' ? '' : `?${text}`}`;
  }

  /** Removes the token from text that came from elsewhere (an API message, a library error). */
  private redact(text: string): string {
    if (this.token === '') return text;
    return text.split(this.token).join('***').split(encodeURIComponent(this.token)).join('***');
  }

  /**
   * A call of one product. Under v4 each spelling of its path is tried in turn until one answers
   * other than 404, and the one that answered is used from then on.
   */
  private async productGet<T>(
    product: Product,
    tail: string,
    params: readonly Param[],
    parse: (body: unknown, what: string) => T,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const known = this.prefixOf.get(product);
    const prefixes = known === undefined ? productPrefixes(this.version, product) : [known];
    for (const [index, prefix] of prefixes.entries()) {
      const last = index === prefixes.length - 1;
      const result = await this.request(`${prefix}/${tail}`, params, parse, signal, !last);
      if (result !== MISSING) {
        if (this.session) this.prefixOf.set(product, prefix);
        return result;
      }
    }
    throw new Error('unreachable: the last spelling never answers MISSING');
  }

  private async get<T>(
    path: string,
    params: readonly Param[],
    parse: (body: unknown, what: string) => T,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    return (await this.request(path, params, parse, signal, false)) as T;
  }

  private async request<T>(
    path: string,
    params: readonly Param[],
    parse: (body: unknown, what: string) => T,
    signal: AbortSignal | undefined,
    mayBeMissing: boolean,
  ): Promise<T | typeof MISSING> {
    const place: RequestPlace = { host: this.host, path };
    const url = this.url(path, params);
    let failure: Failure | undefined;
    let renewed = false;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (signal?.aborted) throw cancelledError();
      const outcome = await this.limiter.run(() => this.attempt(url, place, signal, mayBeMissing), signal);
      if (outcome.ok === true) return parse(outcome.body, path);
      if (outcome.ok === 'missing') return MISSING;
      if (outcome.ok === 'unauthorized') {
        // A JWT that expired early or was revoked: one new one, at once, without using up an attempt.
        if (renewed) throw permanentHttpError(401, '', '', place, (t) => this.redact(t)) as AppError;
        renewed = true;
        this.session?.invalidate(outcome.jwt);
        attempt--;
        continue;
      }
      failure = outcome.failure;
      if (attempt === this.maxAttempts) break;
      const retryAfter = failure.kind === 'http' ? failure.retryAfterMs : null;
      const delayMs =
        retryAfter ?? backoffDelay(attempt - 1, this.backoffBaseMs, this.backoffCapMs, this.random);
      this.onRetry?.({ attempt, delayMs, reason: describeFailure(failure) });
      try {
        await this.sleep(delayMs, signal);
      } catch (error) {
        if (signal?.aborted) throw cancelledError();
        throw error;
      }
      if (signal?.aborted) throw cancelledError();
    }
    throw finalError(failure ?? { kind: 'network', code: 'network error' }, this.maxAttempts, place);
  }

  private tooLarge(place: RequestPlace): AppError {
    const mb = Math.round(this.maxResponseBytes / (1024 * 1024));
    return new AppError(
      'bad_response',
      `Copernica's answer for ${place.path} was larger than ${mb} MB, far more than any answer ` +
        'it should send, so it was refused. Try again later; if it keeps happening, tell Copernica support.',
    );
  }

  /** One try: fetch and read the body under a timeout. Throws only AppErrors that end the request. */
  private async attempt(
    url: string,
    place: RequestPlace,
    signal: AbortSignal | undefined,
    mayBeMissing: boolean,
  ): Promise<Outcome> {
    let headers = this.headers;
    let jwt: string | null = null;
    if (this.session) {
      const held = await this.session.jwt();
      if (signal?.aborted) throw cancelledError();
      if (!held.ok) return held;
      jwt = held.jwt;
      headers = { ...this.headers, Authorization: `Bearer ${jwt}` };
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const interrupted = (): Outcome | null => {
      if (signal?.aborted) throw cancelledError();
      return timedOut ? { ok: false, failure: { kind: 'timeout', ms: this.timeoutMs } } : null;
    };
    try {
      let response: HttpResponse;
      try {
        response = await this.fetchImpl(url, {
          headers,
          signal: controller.signal,
          maxBytes: this.maxResponseBytes,
        });
      } catch (error) {
        return (
          interrupted() ?? { ok: false, failure: { kind: 'network', code: this.redact(networkCode(error)) } }
        );
      }
      // A fetch-shaped getter ignores maxBytes and reads the whole body: its declared length is
      // checked first, and what it read after (in UTF-16 units, never more than its bytes).
      if (Number(response.headers.get('content-length')) > this.maxResponseBytes) {
        controller.abort();
        throw this.tooLarge(place);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (isBodyTooLarge(error)) throw this.tooLarge(place);
        return interrupted() ?? { ok: false, failure: { kind: 'truncated' } };
      }
      if (text.length > this.maxResponseBytes) throw this.tooLarge(place);
      const { status } = response;
      if (status >= 200 && status < 300) {
        try {
          return { ok: true, body: JSON.parse(text) };
        } catch {
          return { ok: false, failure: { kind: 'not_json', html: looksLikeHtml(text) } };
        }
      }
      if (status === 404 && mayBeMissing) return { ok: 'missing' };
      if (status === 401 && jwt !== null) return { ok: 'unauthorized', jwt };
      const permanent = permanentHttpError(status, response.statusText, text, place, (t) => this.redact(t));
      if (permanent) throw permanent;
      return {
        ok: false,
        failure: httpFailure(response, text, this.maxRetryAfterMs),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
