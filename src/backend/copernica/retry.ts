/**
 * Waiting between attempts: exponential backoff with full jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter"), unless the server said how long to wait.
 */
import { AppError } from '../../shared/errors';

export function cancelledError(): AppError {
  return new AppError('cancelled', 'The request to Copernica was cancelled.');
}

/** Delay before retry number `retry` (0 for the first retry): random() * min(cap, base * 2^retry). */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry));
}

/**
 * A Retry-After header as milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3),
 * clamped to [0, maxMs]. Null when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null,
  maxMs: number,
  now: number = Date.now(),
): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (value === '') return null;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.round(Math.min(maxMs, Math.max(0, ms)));
}

/** setTimeout as a promise that rejects with a `cancelled` AppError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
