/**
 * Turns what happened to a request into either "try again" (a Failure) or an AppError for the
 * user. Messages name the host and the resource path, never the URL: the URL carries the access
 * token.
 */
import { STATUS_CODES } from 'node:http';
import { AppError } from '../../shared/errors';
import type { HttpResponse } from './httpGet';
import { parseRetryAfter } from './retry';

/** Why one attempt failed in a way that is worth retrying. */
export type Failure =
  | { kind: 'http'; status: number; statusText: string; html: boolean; retryAfterMs: number | null }
  | { kind: 'network'; code: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'truncated' }
  | { kind: 'not_json'; html: boolean };

/** Where a request went, in words that are safe to show and to log. */
export interface RequestPlace {
  host: string;
  /** The resource path, e.g. `publisher/emailing/12/clicks`; no query string. */
  path: string;
}

const temporaryStatuses = new Set([408, 429, 500, 502, 503, 504]);

export function isTemporaryStatus(status: number): boolean {
  return temporaryStatuses.has(status);
}

export function statusText(status: number, sent: string): string {
  return sent || STATUS_CODES[status] || 'Unknown Status';
}

export function looksLikeHtml(body: string): boolean {
  return /^\s*</.test(body);
}

/** An answer worth asking again: its status, whether it was an HTML page, and its Retry-After (capped at `maxRetryAfterMs`). */
export function httpFailure(response: HttpResponse, body: string, maxRetryAfterMs: number): Failure {
  return {
    kind: 'http',
    status: response.status,
    statusText: statusText(response.status, response.statusText),
    html: looksLikeHtml(body),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), maxRetryAfterMs),
  };
}

function apiErrorMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const error = (parsed as { error?: unknown }).error;
    if (typeof error === 'string') return error;
    if (typeof error === 'object' && error !== null) {
      const message = (error as { message?: unknown }).message;
      if (typeof message === 'string') return message;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * The AppError for an answer that will not get better by asking again, or null when the status
 * is one to retry. `redact` removes the token from anything the API echoed back.
 */
export function permanentHttpError(
  status: number,
  sentStatusText: string,
  body: string,
  place: RequestPlace,
  redact: (text: string) => string,
): AppError | null {
  if (status === 400) {
    const message = apiErrorMessage(body);
    if (message === null) {
      return new AppError(
        'api_error',
        `Copernica refused the request for ${place.path} (400 Bad Request) without saying why.`,
      );
    }
    const safe = redact(message);
    // A token created "only available for API v4" is refused by v2 and v3.
    if (/\b(api|rest)?\s*v4\b/i.test(message)) {
      return new AppError(
        'invalid_token',
        `Copernica says: ${safe}. This access token works only with REST API v4: choose v4 for this account (the CLI: a base URL ending in /v4).`,
      );
    }
    if (/invalid access token/i.test(message)) {
      return new AppError('invalid_token', `Copernica says: ${safe}. The account needs a new access token.`);
    }
    if (/^no .* with (supplied|given) id/i.test(message)) {
      return new AppError('not_found', `Copernica says: ${safe} (${place.path}).`);
    }
    return new AppError('api_error', `Copernica refused the request for ${place.path}: ${safe}`);
  }
  if (status === 401 || status === 403) {
    return new AppError(
      'invalid_token',
      `Copernica refused the access token (${status} ${statusText(status, sentStatusText)}). The account needs a new access token.`,
    );
  }
  if (status === 404) {
    return new AppError('not_found', `Copernica has nothing at ${place.path} (404 Not Found).`);
  }
  if (isTemporaryStatus(status)) return null;
  return new AppError(
    'api_error',
    `Copernica answered ${status} ${statusText(status, sentStatusText)} for ${place.path}.`,
  );
}

/** The error code of a network failure, from fetch's TypeError and its cause chain. */
export function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return 'network error';
}

const networkWords: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** A short description for retry notices and logs. */
export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'http':
      return `${failure.status} ${failure.statusText}${failure.html ? ' (an HTML error page)' : ''}`;
    case 'network':
      return networkWords[failure.code] ?? failure.code;
    case 'timeout':
      return `no answer within ${formatSeconds(failure.ms)}`;
    case 'truncated':
      return 'the answer was cut off';
    case 'not_json':
      return failure.html ? 'an HTML page instead of JSON' : 'a body that is not JSON';
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

/** The error after the last attempt, from the last failure. */
export function finalError(failure: Failure, attempts: number, place: RequestPlace): AppError {
  switch (failure.kind) {
    case 'http':
      return new AppError(
        'server_unavailable',
        `Copernica answered ${describeFailure(failure)} for ${place.path}, ${times(attempts)}; try again later.`,
      );
    case 'network':
      return new AppError(
        'unreachable',
        `Could not reach ${place.host} (${describeFailure(failure)}), ${times(attempts)}; check the network connection.`,
      );
    case 'timeout':
      return new AppError(
        'timeout',
        `${place.host} did not answer ${place.path} within ${formatSeconds(failure.ms)}, ${times(attempts)}; try again later.`,
      );
    case 'truncated':
      return new AppError(
        'bad_response',
        `Copernica's answer for ${place.path} was cut off before the end, ${times(attempts)}; try again later.`,
      );
    case 'not_json':
      return new AppError(
        'bad_response',
        `Copernica answered ${place.path} with ${describeFailure(failure)}, ${times(attempts)}.`,
      );
  }
}
