/**
 * Errors that cross a boundary (worker → main → renderer, or CLI → user) carry a code that
 * code can branch on and a message written for the user. Stack traces never cross: they stay
 * in the log of the process that threw.
 */
export const errorCodes = [
  /** The caller sent something the contract does not accept. */
  'invalid_input',
  /** Copernica rejected the access token. The account needs a new one. */
  'invalid_token',
  /** Copernica (or the cache) has no such entity. */
  'not_found',
  /** Copernica answered with a permanent error other than the two above. */
  'api_error',
  /** The host could not be reached (DNS, refused, reset) even after retries. */
  'unreachable',
  /** Copernica kept answering 429/5xx (often an HTML "Loadbalancer Error" page) after retries. */
  'server_unavailable',
  /** Copernica answered 200 with a body that is not the JSON we expect. */
  'bad_response',
  /** A request took longer than the request timeout, every attempt. */
  'timeout',
  /** The user (or the app) cancelled the work. */
  'cancelled',
  /** The emailing has no cached clicks to work on. */
  'not_cached',
  /** A file could not be read or written. */
  'io_error',
  /** The cache file is not a database, is malformed or cannot be opened; it can be moved aside. */
  'cache_damaged',
  /** The disk (or the cache's size limit) is full; what was committed is kept. */
  'disk_full',
  /** Another program held the cache's write lock past the busy timeout; trying again later works. */
  'busy',
  /** The IPC message came from a frame we did not load. */
  'forbidden_sender',
  /** The background worker died during the call and was started again; trying again works. */
  'backend_restarted',
  /** A bug: the message is generic, the details are in the log. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What may be shown to a user for any thrown value: an AppError as is, anything else as a generic internal error. */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  return {
    code: 'internal',
    message: 'Something went wrong inside Copernica Clicks. The details are in the log.',
  };
}
