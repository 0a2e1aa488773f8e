/**
 * A failed refresh in a person's words: what happened and what to do about it, by the error's
 * code. The message itself (Copernica's answer, a path, an HTTP status) is kept for the details.
 */
import type { ErrorCode } from '../../../shared/errors';

export interface SyncErrorAdvice {
  what: string;
  todo: string;
}

const advice: Partial<Record<ErrorCode, SyncErrorAdvice>> = {
  invalid_token: {
    what: 'Copernica refused the access token.',
    todo: 'Enter a new token for this account (Edit), then refresh.',
  },
  unreachable: {
    what: 'Copernica could not be reached.',
    todo: 'Check the network connection, then retry.',
  },
  timeout: {
    what: 'Copernica took too long to answer.',
    todo: 'Retry in a moment; a refresh goes on where it stopped.',
  },
  server_unavailable: {
    what: 'Copernica was busy or down.',
    todo: 'Retry in a few minutes; a refresh goes on where it stopped.',
  },
  bad_response: {
    what: 'Copernica sent an answer the app cannot read.',
    todo: 'Retry; if it fails again, the details help support.',
  },
  api_error: {
    what: 'Copernica refused the request.',
    todo: 'Check the emailing and the token’s rights in Copernica, then retry.',
  },
  not_found: {
    what: 'Copernica no longer has this emailing.',
    todo: 'Fetch the emailing list again; the cached clicks stay.',
  },
  disk_full: {
    what: 'The disk is full.',
    todo: 'Free some space, then retry; what was fetched is kept.',
  },
  busy: {
    what: 'Another program was using the cache.',
    todo: 'Retry in a moment.',
  },
  io_error: {
    what: 'The cache file could not be written.',
    todo: 'Check the disk, then retry.',
  },
  cache_damaged: {
    what: 'The cache file is damaged.',
    todo: 'Restart the app to repair or set it aside.',
  },
  cancelled: {
    what: 'The refresh was stopped.',
    todo: 'Retry to go on where it stopped.',
  },
  backend_restarted: {
    what: 'The app’s background worker restarted during the refresh.',
    todo: 'Retry; it goes on where it stopped.',
  },
};

const unknown: SyncErrorAdvice = {
  what: 'The last refresh failed.',
  todo: 'Retry; the details say what went wrong.',
};

export function syncErrorAdvice(code: string | null | undefined): SyncErrorAdvice {
  return (code ? advice[code as ErrorCode] : undefined) ?? unknown;
}
