/**
 * The Copernica REST client (v2/v3, access token in the query string). One instance per account:
 * its limiter bounds the requests in flight for that account across all methods. Every call
 * retries what is temporary (429, 5xx, resets, timeouts, cut-off or non-JSON 200 bodies) with
 * backoff, and fails with an AppError whose message never contains the token.
 */
import { AppError } from '../../shared/errors';
import { readWallClockInput } from '../../shared/wallClock';
import {
  type Failure,
  type RequestPlace,
  describeFailure,
  finalError,
  looksLikeHtml,
  networkCode,
  permanentHttpError,
  statusText,
} from './errors';
import { checkedApiBase } from './apiAddress';
import { type HttpGet, type HttpResponse, isBodyTooLarge, nodeHttpGet } from './httpGet';
import { Limiter } from './limiter';
import {
  clickRow,
  emailingRow,
  parseEmailing,
  parseIdentity,
  parsePage,
  parseProfile,
  parseSubprofile,
} from './parse';
import { type CopernicaStatistics, parseCopernicaStatistics } from '../figures/copernicaStatistics';
import { backoffDelay, cancelledError, parseRetryAfter, sleep as defaultSleep } from './retry';
import type { Click, Identity, Page, Profile, PublisherEmailing, Subprofile } from './types';

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
  /** Default 'https://api.copernica.com/v2'; v3 works the same; a trailing slash is tolerated. */
  baseUrl?: string;
  /** Sent as the access_token query parameter. */
  token: string;
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

type Outcome = { ok: true; body: unknown } | { ok: false; failure: Failure };
type Param = readonly [name: string, value: string];

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

  constructor(options: CopernicaClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
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
  }

  async identity(signal?: AbortSignal): Promise<Identity> {
    return this.get('identity', [], parseIdentity, signal);
  }

  async emailingsPage(q: EmailingsQuery, signal?: AbortSignal): Promise<Page<PublisherEmailing>> {
    const path = 'publisher/emailings';
    return this.get(
      path,
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
  async listEmailings(signal?: AbortSignal): Promise<PublisherEmailing[]> {
    const all: PublisherEmailing[] = [];
    let start = 0;
    let previousFirst: number | undefined;
    for (;;) {
      const page = await this.emailingsPage({ start, limit: MAX_PAGE_SIZE }, signal);
      const first = page.data[0]?.id;
      if (page.count === 0 || first === previousFirst) return all;
      previousFirst = first;
      all.push(...page.data);
      start += page.count;
      if (page.total !== null && start >= page.total) return all;
    }
  }

  async emailing(id: number, signal?: AbortSignal): Promise<PublisherEmailing> {
    requirePositiveId(id, 'The emailing ID');
    return this.get(`publisher/emailing/${id}`, [], parseEmailing, signal);
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
    return this.get(
      `publisher/emailing/${emailingId}/clicks`,
      params,
      (body, what) => parsePage(body, what, clickRow),
      signal,
    );
  }

  /** Copernica's own statistics of the emailing (a bare object, not a page). */
  async emailingStatistics(emailingId: number, signal?: AbortSignal): Promise<CopernicaStatistics> {
    requirePositiveId(emailingId, 'The emailing ID');
    return this.get(`publisher/emailing/${emailingId}/statistics`, [], parseCopernicaStatistics, signal);
  }

  async profile(id: number, signal?: AbortSignal): Promise<Profile> {
    requirePositiveId(id, 'The profile ID');
    return this.get(`profile/${id}`, [], parseProfile, signal);
  }

  async subprofile(id: number, signal?: AbortSignal): Promise<Subprofile> {
    requirePositiveId(id, 'The subprofile ID');
    return this.get(`subprofile/${id}`, [], parseSubprofile, signal);
  }

  private url(path: string, params: readonly Param[]): string {
    let url = `${this.baseUrl}/${path}?access_token=${encodeURIComponent(this.token)}`;
    for (const [name, value] of params) url += `&${name}=${encodeURIComponent(value)}`;
    return url;
  }

  /** Removes the token from text that came from elsewhere (an API message, a library error). */
  private redact(text: string): string {
    if (this.token === '') return text;
    return text.split(this.token).join('***').split(encodeURIComponent(this.token)).join('***');
  }

  private async get<T>(
    path: string,
    params: readonly Param[],
    parse: (body: unknown, what: string) => T,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const place: RequestPlace = { host: this.host, path };
    const url = this.url(path, params);
    let failure: Failure | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (signal?.aborted) throw cancelledError();
      const outcome = await this.limiter.run(() => this.attempt(url, place, signal), signal);
      if (outcome.ok) return parse(outcome.body, path);
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
  private async attempt(url: string, place: RequestPlace, signal: AbortSignal | undefined): Promise<Outcome> {
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
          headers: this.headers,
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
      const permanent = permanentHttpError(status, response.statusText, text, place, (t) => this.redact(t));
      if (permanent) throw permanent;
      return {
        ok: false,
        failure: {
          kind: 'http',
          status,
          statusText: statusText(status, response.statusText),
          html: looksLikeHtml(text),
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.maxRetryAfterMs),
        },
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
