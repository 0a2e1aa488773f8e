/**
 * REST v4's authentication: the access token is exchanged for a JWT at Copernica's
 * authentication endpoint (`POST https://authenticate.copernica.com`, form body
 * `access_token=…`), and every v4 request carries that JWT as a bearer header, so the access
 * token travels in no URL. The JWT is kept in this object only (never stored, never logged),
 * reused until shortly before the `exp` its payload names, and dropped when Copernica answers 401
 * (revoked, or a clock that disagrees), so that the next request fetches a new one.
 */
import { AppError } from '../../shared/errors';
import {
  type Failure,
  type RequestPlace,
  httpFailure,
  looksLikeHtml,
  networkCode,
  statusText,
} from './errors';
import type { HttpResponse } from './httpGet';

export const DEFAULT_AUTH_URL = 'https://authenticate.copernica.com';
/** A JWT is renewed this long before its `exp`, so that no request leaves with one about to lapse. */
export const DEFAULT_JWT_RENEW_BEFORE_MS = 5 * 60_000;
/** Copernica's documented lifetime, used when a JWT names no `exp`. */
const DOCUMENTED_LIFETIME_MS = 24 * 3600_000;
/** The longest answer the endpoint may send: a JWT is a few hundred bytes. */
const MAX_AUTH_ANSWER = 64 * 1024;

/** How the exchange is POSTed; `fetch` fits (the default). */
export type HttpPost = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<HttpResponse>;

export const fetchPost: HttpPost = (url, init) => fetch(url, init);

export type JwtOutcome = { ok: true; jwt: string } | { ok: false; failure: Failure };

export interface JwtSessionOptions {
  authUrl: string;
  token: string;
  post: HttpPost;
  userAgent: string;
  timeoutMs: number;
  /** Milliseconds since the epoch. */
  now: () => number;
  renewBeforeMs: number;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The JWT in the endpoint's answer. Its format is not documented ("the response contains a JWT
 * string"): a bare JWT, a JSON string, or a JSON object holding one are all accepted.
 */
export function readJwtAnswer(text: string): string | null {
  const bare = text.trim();
  if (JWT_SHAPE.test(bare)) return bare;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bare);
  } catch {
    return null;
  }
  if (typeof parsed === 'string') return JWT_SHAPE.test(parsed) ? parsed : null;
  if (typeof parsed !== 'object' || parsed === null) return null;
  for (const key of ['jwt', 'token', 'access_token', 'accessToken']) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'string' && JWT_SHAPE.test(value)) return value;
  }
  return Object.values(parsed).find((v): v is string => typeof v === 'string' && JWT_SHAPE.test(v)) ?? null;
}

/** The `exp` of a JWT's payload in milliseconds since the epoch, or null when it names none. */
export function jwtExpiry(jwt: string): number | null {
  const payload = jwt.split('.')[1] ?? '';
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export class JwtSession {
  private current: { jwt: string; renewAt: number } | null = null;
  private exchanging: Promise<JwtOutcome> | null = null;
  private readonly place: RequestPlace;

  constructor(private readonly options: JwtSessionOptions) {
    this.place = { host: new URL(options.authUrl).host, path: 'authentication' };
  }

  /** The JWT to send: the one held while it is fresh, else a new one (one exchange at a time). */
  async jwt(): Promise<JwtOutcome> {
    if (this.current && this.options.now() < this.current.renewAt) return { ok: true, jwt: this.current.jwt };
    this.exchanging ??= this.exchange().finally(() => (this.exchanging = null));
    return this.exchanging;
  }

  /** Copernica refused `jwt` (401): the next request fetches another. */
  invalidate(jwt: string): void {
    if (this.current?.jwt === jwt) this.current = null;
  }

  private async exchange(): Promise<JwtOutcome> {
    const { authUrl, token, post, userAgent, timeoutMs, now, renewBeforeMs } = this.options;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: HttpResponse;
    let text: string;
    try {
      response = await post(authUrl, {
        method: 'POST',
        headers: {
          'User-Agent': userAgent,
          Accept: 'application/json, text/plain',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: `access_token=${encodeURIComponent(token)}`,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) return { ok: false, failure: { kind: 'timeout', ms: timeoutMs } };
      const code = networkCode(error);
      return {
        ok: false,
        failure: { kind: 'network', code: token === '' ? code : code.split(token).join('***') },
      };
    } finally {
      clearTimeout(timer);
    }
    const { status } = response;
    if (status === 400 || status === 401 || status === 403) {
      // Whatever the endpoint says is not echoed: it may quote the token.
      throw new AppError(
        'invalid_token',
        `Copernica's authentication refused the access token (${status} ${statusText(status, response.statusText)}). ` +
          'The account needs a new access token.',
      );
    }
    if (status < 200 || status >= 300) {
      if (status === 408 || status === 429 || status >= 500) {
        return {
          ok: false,
          failure: httpFailure(response, text, 300_000),
        };
      }
      throw new AppError(
        'api_error',
        `Copernica's authentication answered ${status} ${statusText(status, response.statusText)}.`,
      );
    }
    const jwt = text.length <= MAX_AUTH_ANSWER ? readJwtAnswer(text) : null;
    if (jwt === null) return { ok: false, failure: { kind: 'not_json', html: looksLikeHtml(text) } };
    const expiresAt = jwtExpiry(jwt) ?? now() + DOCUMENTED_LIFETIME_MS;
    // A JWT that lives shorter than the margin is still used for half its life.
    const issuedAt = now();
    this.current = {
      jwt,
      renewAt: Math.max(expiresAt - renewBeforeMs, issuedAt + (expiresAt - issuedAt) / 2),
    };
    return { ok: true, jwt };
  }

  /** Where the exchange goes, for messages. */
  get where(): RequestPlace {
    return this.place;
  }
}
