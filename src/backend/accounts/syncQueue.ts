/**
 * Background refresh of emailings' clicks. Requests queue per account and run one emailing at a
 * time per account (accounts in parallel), each through syncEmailingClicks, which is resumable
 * and incremental. The queue adds what the app needs around it: cancel, throttled progress
 * events, "needs a new token" on a rejected token, and offline handling — an emailing whose
 * refresh failed for want of a network is put aside without recording an error and runs again
 * when Copernica can be reached.
 *
 * After an emailing's clicks, the fields of its clicking profiles are fetched (when the account's
 * setting says so) as a job of lower rank: it runs when the account has no click refresh to do,
 * and a refresh asked for meanwhile stops it (it is resumable) and it goes on afterwards. So the
 * profile fetch never delays a refresh or its "done", and its failure is never the refresh's.
 */
import type { SyncProgress } from '../../shared/contract';
import { AppError, isAppError } from '../../shared/errors';
import type { BackendContext } from '../context';
import type { CopernicaClient } from '../copernica/client';
import { refreshStatistics } from '../figures/refreshStatistics';
import { fetchProfiles } from '../profiles/fetchProfiles';
import { readProfileSettings } from '../profiles/profileSettings';
import { syncEmailingClicks } from '../sync/syncEmailingClicks';
import { clicksSourceFor, statisticsSourceFor } from '../sync/productSource';
import type { AccountStore, AccountTarget } from './accountStore';
import { isOfflineError } from './connectivity';
import type { EmailingStore } from './emailingStore';

export const OFFLINE_MESSAGE = 'Copernica cannot be reached; the refresh continues when the network is back.';

export interface SyncQueueDeps {
  ctx: BackendContext;
  accounts: AccountStore;
  emailings: EmailingStore;
  clientFor(account: AccountTarget): Promise<CopernicaClient>;
  /** Whether requests to Copernica should be made now (demo accounts ignore this). */
  isOnline(): boolean;
  reachable(): void;
  unreachable(): void;
  /** Copernica refused the account's token (it is marked already). */
  onTokenRejected(accountId: number): void;
  /** Least time between two 'fetching' events of one emailing, in ms. */
  progressIntervalMs: number;
}

interface Running {
  accountId: number;
  controller: AbortController;
  done: Promise<void>;
}

interface ProfileJob extends Running {
  key: number;
}

/** Why a profile fetch was stopped to let a refresh run first: it is queued again, not cancelled. */
const PREEMPTED = 'preempted';

export class SyncQueue {
  /** Emailing keys waiting to run, per account, in order. */
  private readonly waiting = new Map<number, number[]>();
  private readonly running = new Map<number, Running>();
  /** Put aside until the network is back, per key → account. */
  private readonly offlinePending = new Map<number, number>();
  /** Emailing keys whose clicking profiles are to be fetched, per account, in order. */
  private readonly profileWaiting = new Map<number, number[]>();
  /** The profile fetch running per account. */
  private readonly profileRunning = new Map<number, ProfileJob>();
  private closed = false;

  constructor(private readonly deps: SyncQueueDeps) {}

  /** Keys being synced or waiting their turn. */
  syncingKeys(): number[] {
    return [...this.running.keys(), ...[...this.waiting.values()].flat()];
  }

  isSyncing(key: number): boolean {
    return this.running.has(key) || [...this.waiting.values()].some((keys) => keys.includes(key));
  }

  /** Queues emailings (a key already queued or running is not queued twice). */
  enqueue(keys: readonly number[]): void {
    if (this.closed) return;
    for (const key of keys) {
      const target = this.deps.emailings.target(key);
      if (!target || this.isSyncing(key)) continue;
      this.offlinePending.delete(key);
      const list = this.waiting.get(target.accountId) ?? [];
      list.push(key);
      this.waiting.set(target.accountId, list);
      // A refresh goes first: the account's profile fetch stops and goes on after it.
      const job = this.profileRunning.get(target.accountId);
      if (job) job.controller.abort(new AppError('cancelled', PREEMPTED));
    }
    this.pump();
  }

  /** Emailings whose profile fields are being fetched or wait their turn. */
  profileKeys(): number[] {
    return [
      ...[...this.profileRunning.values()].map((job) => job.key),
      ...[...this.profileWaiting.values()].flat(),
    ];
  }

  private queueProfiles(accountId: number, key: number): void {
    const list = this.profileWaiting.get(accountId) ?? [];
    if (!list.includes(key)) list.push(key);
    this.profileWaiting.set(accountId, list);
  }

  private dropProfiles(key: number): Promise<void> | undefined {
    for (const [accountId, keys] of this.profileWaiting) {
      const rest = keys.filter((k) => k !== key);
      if (rest.length === 0) this.profileWaiting.delete(accountId);
      else this.profileWaiting.set(accountId, rest);
    }
    for (const job of this.profileRunning.values()) {
      if (job.key !== key) continue;
      job.controller.abort(new AppError('cancelled', 'The profile fetch was cancelled.'));
      return job.done;
    }
    return undefined;
  }

  /** Stops one emailing's refresh (running, waiting or put aside); what was committed stays. */
  cancel(key: number): void {
    void this.dropProfiles(key);
    const running = this.running.get(key);
    if (running) {
      running.controller.abort(new AppError('cancelled', 'The sync was cancelled.'));
      return;
    }
    this.offlinePending.delete(key);
    for (const [accountId, keys] of this.waiting) {
      const index = keys.indexOf(key);
      if (index < 0) continue;
      keys.splice(index, 1);
      if (keys.length === 0) this.waiting.delete(accountId);
      const target = this.deps.emailings.target(key);
      if (target) this.emit({ ...this.idle(target.key, target.emailingId), phase: 'cancelled' });
    }
  }

  /** Cancels one emailing's refresh; resolves when a running one has stopped. */
  async stopEmailing(key: number): Promise<void> {
    const running = this.running.get(key);
    const profiles = this.dropProfiles(key);
    this.cancel(key);
    await Promise.all([running?.done, profiles]);
  }

  /** Drops and stops everything of one account; resolves when its running sync has stopped. */
  async stopAccount(accountId: number): Promise<void> {
    this.waiting.delete(accountId);
    this.profileWaiting.delete(accountId);
    for (const [key, owner] of this.offlinePending) if (owner === accountId) this.offlinePending.delete(key);
    const stops: Promise<void>[] = [];
    const job = this.profileRunning.get(accountId);
    if (job) {
      job.controller.abort(new AppError('cancelled', 'The profile fetch was cancelled.'));
      stops.push(job.done);
    }
    for (const running of this.running.values()) {
      if (running.accountId !== accountId) continue;
      running.controller.abort(new AppError('cancelled', 'The sync was cancelled.'));
      stops.push(running.done);
    }
    await Promise.all(stops);
  }

  /** The network is back: run what was put aside. */
  resumeOffline(): void {
    const keys = [...this.offlinePending.keys()];
    this.offlinePending.clear();
    this.enqueue(keys);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.clear();
    this.offlinePending.clear();
    this.profileWaiting.clear();
    const stops = [...this.running.values(), ...this.profileRunning.values()].map((running) => {
      running.controller.abort(new AppError('cancelled', 'The app is closing.'));
      return running.done;
    });
    await Promise.all(stops);
  }

  private pump(): void {
    if (this.closed) return;
    for (const [accountId, keys] of this.waiting) {
      if ([...this.running.values()].some((r) => r.accountId === accountId)) continue;
      // A preempted profile fetch is still stopping; its end pumps again.
      if (this.profileRunning.has(accountId)) continue;
      let account: AccountTarget;
      try {
        account = this.deps.accounts.target(accountId);
      } catch {
        this.waiting.delete(accountId);
        continue;
      }
      if (!account.isDemo && !this.deps.isOnline()) {
        // Offline: no request at all; the whole account waits for the network.
        for (const key of keys) this.offlinePending.set(key, accountId);
        this.waiting.delete(accountId);
        continue;
      }
      const key = keys.shift() as number;
      if (keys.length === 0) this.waiting.delete(accountId);
      const controller = new AbortController();
      const entry: Running = { accountId, controller, done: Promise.resolve() };
      this.running.set(key, entry);
      entry.done = this.run(key, account, controller.signal).finally(() => {
        this.running.delete(key);
        this.deps.ctx.emit('cacheChanged', { at: this.deps.ctx.now().toISOString() });
        this.pump();
      });
    }
    this.pumpProfiles();
  }

  /** Starts the profile fetch of each account that has nothing else to do. */
  private pumpProfiles(): void {
    for (const [accountId, keys] of this.profileWaiting) {
      if (this.profileRunning.has(accountId) || this.waiting.has(accountId)) continue;
      if ([...this.running.values()].some((r) => r.accountId === accountId)) continue;
      let account: AccountTarget;
      try {
        account = this.deps.accounts.target(accountId);
      } catch {
        this.profileWaiting.delete(accountId);
        continue;
      }
      if (!account.isDemo && !this.deps.isOnline()) continue;
      const key = keys.shift() as number;
      if (keys.length === 0) this.profileWaiting.delete(accountId);
      const controller = new AbortController();
      const job: ProfileJob = { accountId, key, controller, done: Promise.resolve() };
      this.profileRunning.set(accountId, job);
      job.done = this.runProfiles(key, account, controller.signal).finally(() => {
        this.profileRunning.delete(accountId);
        this.deps.ctx.emit('cacheChanged', { at: this.deps.ctx.now().toISOString() });
        this.pump();
      });
    }
  }

  /** One emailing's profile fetch; whatever happens stays out of its refresh's outcome. */
  private async runProfiles(key: number, account: AccountTarget, signal: AbortSignal): Promise<void> {
    try {
      const client = await this.deps.clientFor(account);
      await fetchProfiles({
        db: this.deps.ctx.db,
        source: client,
        emailingKey: key,
        signal,
        now: this.deps.ctx.now,
        progressIntervalMs: this.deps.progressIntervalMs,
        onProgress: (progress) => {
          // Stopped for a refresh: not cancelled, it goes on after it.
          if (
            progress.phase === 'cancelled' &&
            signal.reason instanceof AppError &&
            signal.reason.message === PREEMPTED
          )
            return;
          this.deps.ctx.emit('profileFetchProgress', progress);
        },
      });
    } catch (error) {
      const preempted = signal.reason instanceof AppError && signal.reason.message === PREEMPTED;
      if (preempted && !this.closed) {
        const list = this.profileWaiting.get(account.id) ?? [];
        if (!list.includes(key)) list.unshift(key);
        this.profileWaiting.set(account.id, list);
        return;
      }
      if (isAppError(error) && error.code === 'cancelled') return;
      // Its 'failed' event is out already; the next refresh tries again where it stopped.
      if (!isAppError(error)) this.deps.ctx.logError(`The profile fetch of emailing ${key} failed`, error);
    }
  }

  private async run(key: number, account: AccountTarget, signal: AbortSignal): Promise<void> {
    const target = this.deps.emailings.target(key);
    if (!target) return;
    let client: CopernicaClient;
    try {
      client = await this.deps.clientFor(account);
    } catch (error) {
      // No usable token (or the demo server did not start): nothing ran, nothing is recorded.
      const message = isAppError(error) ? error.message : 'The refresh could not start.';
      this.emit({ ...this.idle(key, target.emailingId), phase: 'failed', error: message });
      this.failRest(account.id, message);
      return;
    }
    let held: SyncProgress | null = null;
    let lastPhase: SyncProgress['phase'] | null = null;
    let lastFetching = 0;
    const onProgress = (progress: SyncProgress): void => {
      if (progress.phase === 'failed') {
        // Held back: whether it is an error to show depends on why it failed (see below).
        held = progress;
        return;
      }
      if (progress.phase === 'fetching') {
        const time = Date.now();
        if (time - lastFetching < this.deps.progressIntervalMs) return;
        lastFetching = time;
      }
      lastPhase = progress.phase;
      this.emit(progress);
    };
    try {
      await syncEmailingClicks({
        db: this.deps.ctx.db,
        source: clicksSourceFor(client, target.product),
        emailingKey: key,
        emailingId: target.emailingId,
        timeZone: account.timeZone,
        signal,
        onProgress,
        now: this.deps.ctx.now,
        // Offline is not the emailing's fault: its last error stays what it was.
        recordsFailure: (error) => account.isDemo || !isOfflineError(error),
      });
      await refreshStatistics({
        db: this.deps.ctx.db,
        source: statisticsSourceFor(client, target.product),
        emailingKey: key,
        emailingId: target.emailingId,
        now: this.deps.ctx.now,
        signal,
      });
      if (!account.isDemo) this.deps.reachable();
      if (readProfileSettings(this.deps.ctx.db, account.id).fetchProfiles)
        this.queueProfiles(account.id, key);
    } catch (error) {
      const base: SyncProgress = held ?? this.idle(key, target.emailingId);
      if (isAppError(error) && error.code === 'cancelled') {
        if (lastPhase !== 'cancelled') this.emit({ ...base, phase: 'cancelled', error: null });
      } else if (!account.isDemo && isOfflineError(error)) {
        // It runs again when the network returns.
        if (!this.closed) this.offlinePending.set(key, account.id);
        this.deps.unreachable();
        this.emit({ ...base, phase: 'failed', error: OFFLINE_MESSAGE });
      } else {
        const message = isAppError(error) ? error.message : 'The refresh stopped on an unexpected error.';
        if (!isAppError(error)) this.deps.ctx.logError(`The refresh of emailing ${key} failed`, error);
        if (!account.isDemo) this.deps.reachable();
        this.emit({ ...base, phase: 'failed', error: message });
        if (isAppError(error) && error.code === 'invalid_token') {
          this.deps.accounts.markRejected(account.id);
          this.deps.onTokenRejected(account.id);
          this.failRest(account.id, message);
        }
      }
    }
  }

  /** The token was refused: the account's other queued emailings cannot run either. */
  private failRest(accountId: number, message: string): void {
    const keys = this.waiting.get(accountId) ?? [];
    this.waiting.delete(accountId);
    for (const key of keys) {
      const target = this.deps.emailings.target(key);
      if (target) this.emit({ ...this.idle(key, target.emailingId), phase: 'failed', error: message });
    }
  }

  private idle(key: number, emailingId: number): SyncProgress {
    return { emailingKey: key, emailingId, phase: 'starting', rows: 0, pages: 0, total: null, error: null };
  }

  private emit(progress: SyncProgress): void {
    this.deps.ctx.emit('syncProgress', progress);
  }
}
