/**
 * What a sync says on stderr besides its progress: the retries it waits for (a quiet minute looks
 * like a hang), where a resumed run starts, what a stop kept, and the hint for a base URL that
 * lacks its API version. Lines that interrupt a progress bar clear it first; the bar redraws.
 */
import { AppError, isAppError } from '../shared/errors';
import type { SyncProgress } from '../shared/contract';
import type { RetryInfo } from '../backend/copernica/client';

const number = new Intl.NumberFormat('en-US');

/** "1 click", "2 clicks", "1,000 requests". */
export function count(n: number, noun: string): string {
  return `${number.format(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** "Copernica is busy: 503 Service Unavailable; retry 3 of 7 in 4.0 s". */
export function retryLine(info: RetryInfo, retries: number): string {
  const seconds = info.delayMs / 1000;
  const wait = seconds < 10 ? seconds.toFixed(1) : seconds.toFixed(0);
  // HTTP failures start with their status; the others are the network's or the answer's.
  const what = /^\d{3}\b/.test(info.reason)
    ? `Copernica is busy: ${info.reason}`
    : `Copernica: ${info.reason}`;
  return `${what}; retry ${info.attempt} of ${retries} in ${wait} s`;
}

/**
 * A 404 at `identity` from a base URL without `/v2` or `/v3` is the missing version, not a
 * missing account: say so instead of "nothing at identity".
 */
export function versionHint(error: unknown, apiBase: string): AppError | null {
  if (!isAppError(error) || error.code !== 'not_found') return null;
  if (/\/v\d+$/.test(new URL(apiBase).pathname)) return null;
  return new AppError(
    'not_found',
    `Nothing answers at ${apiBase}/identity (404): the base URL lacks the API version; use ${apiBase}/v2 or ${apiBase}/v3.`,
    { cause: error },
  );
}

interface EmailingRun {
  startedAt: number;
  rows: number;
  total: number | null;
  announced: boolean;
}

export class SyncNarrator {
  private readonly runs = new Map<number, EmailingRun>();
  private current: number | null = null;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  /** A line of its own, clearing a progress bar drawn in place. */
  line(text: string): void {
    this.stream.write(`${this.stream.isTTY ? '\r\x1b[K' : ''}${text}\n`);
  }

  observe(progress: SyncProgress): void {
    const { emailingId, phase, rows, total } = progress;
    if (phase === 'starting') {
      this.runs.set(emailingId, { startedAt: rows, rows, total, announced: rows === 0 });
      this.current = emailingId;
      return;
    }
    const run = this.runs.get(emailingId);
    if (!run) return;
    run.rows = rows;
    run.total = total;
    // Announced once the first page told the total, so the line can say "of".
    if (!run.announced) {
      run.announced = true;
      const of = total === null ? '' : ` of ${number.format(total)}`;
      this.line(
        `Emailing ${emailingId}: resuming at ${number.format(run.startedAt)}${of} clicks, where the last sync stopped.`,
      );
    }
  }

  /** What a stop kept: the emailings before the current one are complete. */
  stoppedLine(): string {
    const run = this.current === null ? undefined : this.runs.get(this.current);
    if (!run) return 'stopped before anything was fetched.';
    const of = run.total === null ? '' : ` of ${number.format(run.total)}`;
    return `stopped; ${number.format(run.rows)}${of} clicks of emailing ${this.current} kept, run the same command again to resume.`;
  }
}
