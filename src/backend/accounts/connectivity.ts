/**
 * Whether Copernica can be reached, as the last request (or probe) found. Going offline starts
 * a cheap periodic probe; the first probe that gets any answer brings the app back online and
 * lets the sync queue run what it had to put aside. While offline nothing else retries.
 */
import { isAppError } from '../../shared/errors';
import type { Emit } from '../context';

/** A failure that says "no network" (or Copernica unreachable), not "Copernica said no". */
export function isOfflineError(error: unknown): boolean {
  return isAppError(error) && (error.code === 'unreachable' || error.code === 'timeout');
}

export interface ConnectivityOptions {
  emit: Emit;
  now: () => Date;
  /** One request to Copernica; resolves or throws like the client. */
  probe: () => Promise<unknown>;
  /** How often to probe while offline, in ms. */
  intervalMs: number;
  onBackOnline: () => void;
}

export class Connectivity {
  private isOnline = true;
  private checkedAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<boolean> | null = null;
  private closed = false;

  constructor(private readonly options: ConnectivityOptions) {}

  get online(): boolean {
    return this.isOnline;
  }

  get lastCheckedAt(): string | null {
    return this.checkedAt?.toISOString() ?? null;
  }

  /** Copernica answered (whatever it said). */
  reachable(): void {
    this.checkedAt = this.options.now();
    if (this.isOnline) return;
    this.isOnline = true;
    this.stopProbing();
    this.announce();
    this.options.onBackOnline();
  }

  /** A request failed for want of a network. */
  unreachable(): void {
    this.checkedAt = this.options.now();
    if (!this.isOnline || this.closed) return;
    this.isOnline = false;
    this.announce();
    this.timer = setInterval(() => void this.check(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Probes now (one request; concurrent callers share it); resolves with the outcome. */
  check(): Promise<boolean> {
    this.probing ??= this.options
      .probe()
      .then(
        () => true,
        (error: unknown) => !isOfflineError(error),
      )
      .then((online) => {
        this.probing = null;
        if (this.closed) return online;
        if (online) this.reachable();
        else this.unreachable();
        return online;
      });
    return this.probing;
  }

  close(): void {
    this.closed = true;
    this.stopProbing();
  }

  private stopProbing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private announce(): void {
    this.options.emit('connectivityChanged', {
      online: this.isOnline,
      at: (this.checkedAt ?? this.options.now()).toISOString(),
    });
  }
}
