/**
 * The host side of the backend worker: starts it, sends calls, routes answers and events, and
 * passes what the worker logs on to the host's logger. It runs in Electron's main process, in
 * the e2e harness and in the benchmark, so it imports no Electron either. Everything it does is
 * a postMessage: it never blocks its thread.
 *
 * A worker that dies (a native crash, an uncaught error) is started again: the calls it was
 * answering end with `backend_restarted`, the calls after it go to the new worker, and the
 * `backendRestarted` event tells the host's listeners (main sends the tokens again, the window
 * shows a notice).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackendMethodName, EventName, MethodOutput, MethodParsedInput } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { Result } from '../shared/result';
import type {
  HostToWorker,
  InternalMethodName,
  InternalMethods,
  SyncRequest,
  SyncSummary,
  WorkerConfig,
  WorkerToHost,
} from './protocol';

/** Where the worker's unexpected errors go: main's log in the app; stderr by default. */
export interface HostLogger {
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

const stderrLogger: HostLogger = {
  warn: (message, error) => console.warn(message, error ?? ''),
  error: (message, error) => console.error(message, error ?? ''),
};

export interface BackendHostOptions {
  databasePath: string;
  /** The built worker (out/main/backendWorker.js in the app). Omitted: the TypeScript source through tsx (worker.dev.mjs). */
  workerPath?: string;
  /** A better_sqlite3.node built for Electron's ABI. */
  nativeBinding?: string;
  /**
   * The built checkpoint thread (db/checkpointer.ts). Omitted: checkpointWorker.js beside a given
   * workerPath, or the TypeScript source through tsx.
   */
  checkpointWorkerPath?: string;
  version?: string;
  /** Copernica's origin without the version (default https://api.copernica.com); tests use a fake. */
  copernicaOrigin?: string;
  /** Least time between two progress events, in ms (default 100); the benchmark sees every page. */
  progressIntervalMs?: number;
  log?: HostLogger;
}

type EventListener = (name: EventName, payload: unknown) => void;

const stopped: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'The backend of Copernica Clicks has stopped. Restart the app.' },
};

const restarted: Result<never> = {
  ok: false,
  error: {
    code: 'backend_restarted',
    message: 'The background worker stopped and was restarted; try again.',
  },
};

/** A worker that dies this often within a minute is not started again (a cache that kills it, say). */
const maxRestartsPerMinute = 3;

export class BackendHost {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<EventListener>();
  private readonly log: HostLogger;
  private readonly restartTimes: number[] = [];
  /** Messages sent while a new worker starts; they go to it once it is ready. */
  private queued: HostToWorker[] | null = null;
  /** The start of a new worker after one died; close() waits for it. */
  private restarting: Promise<void> | null = null;
  private closing = false;
  private exited = false;

  private constructor(
    private worker: Worker,
    private readonly options: BackendHostOptions,
  ) {
    this.log = options.log ?? stderrLogger;
    this.attach(worker);
  }

  /**
   * Starts the worker and resolves once it has opened the cache. A cache that cannot be opened
   * rejects with the worker's AppError (`cache_damaged` for a file that is not a usable database).
   */
  static async start(options: BackendHostOptions): Promise<BackendHost> {
    return new BackendHost(await startWorker(options), options);
  }

  call<M extends BackendMethodName>(
    method: M,
    input: MethodParsedInput<M>,
  ): Promise<Result<MethodOutput<M>>> {
    return this.send((id) => ({ kind: 'call', id, method, input })).promise as Promise<
      Result<MethodOutput<M>>
    >;
  }

  /**
   * Host-only methods (tokens, accounts, exports); the renderer cannot reach these. Aborting
   * `signal` cancels the request: the worker aborts the signal its handler was given.
   */
  internal<M extends InternalMethodName>(
    method: M,
    input: InternalMethods[M]['input'],
    signal?: AbortSignal,
  ): Promise<Result<InternalMethods[M]['output']>> {
    const { id, promise } = this.send((id) => ({ kind: 'internal', id, method, input }));
    if (signal) {
      const cancel = (): void => this.post({ kind: 'cancel', id });
      if (signal.aborted) cancel();
      else {
        signal.addEventListener('abort', cancel, { once: true });
        void promise.finally(() => signal.removeEventListener('abort', cancel));
      }
    }
    return promise as Promise<Result<InternalMethods[M]['output']>>;
  }

  /** Starts a sync; `cancel` stops it at the next page (what was committed stays). */
  sync(request: SyncRequest): { result: Promise<Result<SyncSummary>>; cancel: () => void } {
    const { id, promise } = this.send((id) => ({ kind: 'sync', id, request }));
    return {
      result: promise as Promise<Result<SyncSummary>>,
      cancel: () => this.post({ kind: 'cancel', id }),
    };
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.restarting;
    if (this.exited) return;
    const worker = this.worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.post({ kind: 'close' });
    // A worker stuck in a long statement gets a moment, then is stopped.
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  private attach(worker: Worker): void {
    worker.on('message', (message: WorkerToHost) => this.receive(message));
    // An uncaught error in the worker: its stack goes to the log; 'exit' follows.
    worker.on('error', (error) => this.log.error('The backend worker failed', error));
    worker.once('exit', (code) => this.workerExited(code));
  }

  private workerExited(code: number): void {
    const answer = this.closing ? stopped : restarted;
    for (const resolve of this.pending.values()) resolve(answer);
    this.pending.clear();
    if (this.closing) {
      this.exited = true;
      return;
    }
    const now = Date.now();
    while (this.restartTimes.length > 0 && now - (this.restartTimes[0] ?? 0) > 60_000)
      this.restartTimes.shift();
    if (this.restartTimes.length >= maxRestartsPerMinute) {
      this.exited = true;
      this.log.error(`The backend worker stopped (exit code ${code}) again; it is not started another time.`);
      return;
    }
    this.restartTimes.push(now);
    this.log.error(`The backend worker stopped (exit code ${code}); starting it again.`);
    this.queued = [];
    this.restarting = startWorker(this.options).then(
      (worker) => {
        this.restarting = null;
        this.worker = worker;
        this.attach(worker);
        const queued = this.queued ?? [];
        this.queued = null;
        for (const message of queued) worker.postMessage(message);
        const at = new Date().toISOString();
        for (const listener of this.listeners) listener('backendRestarted', { at });
      },
      (error: unknown) => {
        this.restarting = null;
        this.exited = true;
        this.queued = null;
        this.log.error('The backend worker could not be started again', error);
        for (const resolve of this.pending.values()) resolve(stopped);
        this.pending.clear();
      },
    );
  }

  private send(build: (id: number) => HostToWorker): { id: number; promise: Promise<Result<unknown>> } {
    const id = this.nextId++;
    if (this.exited) return { id, promise: Promise.resolve(stopped) };
    const promise = new Promise<Result<unknown>>((resolve) => this.pending.set(id, resolve));
    this.post(build(id));
    return { id, promise };
  }

  private post(message: HostToWorker): void {
    if (this.exited) return;
    if (this.queued) this.queued.push(message);
    else this.worker.postMessage(message);
  }

  private receive(message: WorkerToHost): void {
    if (message.kind === 'result') {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    } else if (message.kind === 'event') {
      for (const listener of this.listeners) listener(message.name, message.payload);
    } else if (message.kind === 'log') {
      this.log[message.level](`[backend] ${message.message}`, message.details);
    }
  }
}

/** Starts a worker and resolves once it has opened the cache (see BackendHost.start). */
async function startWorker(options: BackendHostOptions): Promise<Worker> {
  const workerData: WorkerConfig = {
    databasePath: options.databasePath,
    version: options.version ?? process.env.npm_package_version ?? '0.0.0-dev',
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.copernicaOrigin ? { copernicaOrigin: options.copernicaOrigin } : {}),
    ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
    checkpointWorker:
      options.checkpointWorkerPath ??
      (options.workerPath
        ? join(dirname(options.workerPath), 'checkpointWorker.js')
        : fileURLToPath(new URL('./checkpointWorker.dev.mjs', import.meta.url))),
  };
  const worker = options.workerPath
    ? new Worker(options.workerPath, { workerData })
    : new Worker(new URL('./worker.dev.mjs', import.meta.url), { workerData });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: WorkerToHost): void => {
      if (message.kind === 'ready') done(null);
      else if (message.kind === 'fatal')
        done(message.code ? new AppError(message.code, message.message) : new Error(message.message));
    };
    const onError = (error: Error): void => done(error);
    const onExit = (code: number): void =>
      done(new Error(`The backend worker exited during start-up (code ${code}).`));
    const done = (error: Error | null): void => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (error) {
        void worker.terminate();
        reject(error);
      } else resolve();
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
  return worker;
}
