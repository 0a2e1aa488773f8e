/**
 * The host side of the backend worker: starts it, sends calls, routes answers and events. It
 * runs in Electron's main process, in the e2e harness and in the benchmark, so it imports no
 * Electron either. Everything it does is a postMessage: it never blocks its thread.
 */
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

export interface BackendHostOptions {
  databasePath: string;
  /** The built worker (out/main/backendWorker.js in the app). Omitted: the TypeScript source through tsx (worker.dev.mjs). */
  workerPath?: string;
  /** A better_sqlite3.node built for Electron's ABI. */
  nativeBinding?: string;
  version?: string;
  /** Copernica's origin without the version (default https://api.copernica.com); tests use a fake. */
  copernicaOrigin?: string;
}

type EventListener = (name: EventName, payload: unknown) => void;

const stopped: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'The backend of Copernica Clicks has stopped. Restart the app.' },
};

export class BackendHost {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<EventListener>();
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerToHost) => this.receive(message));
    worker.on('error', (error) => console.error('[backend host] worker error', error));
    worker.on('exit', () => {
      this.exited = true;
      for (const resolve of this.pending.values()) resolve(stopped);
      this.pending.clear();
    });
  }

  /**
   * Starts the worker and resolves once it has opened the cache. A cache that cannot be opened
   * rejects with the worker's AppError (`cache_damaged` for a file that is not a usable database).
   */
  static async start(options: BackendHostOptions): Promise<BackendHost> {
    const workerData: WorkerConfig = {
      databasePath: options.databasePath,
      version: options.version ?? process.env.npm_package_version ?? '0.0.0-dev',
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.copernicaOrigin ? { copernicaOrigin: options.copernicaOrigin } : {}),
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
    return new BackendHost(worker);
  }

  call<M extends BackendMethodName>(
    method: M,
    input: MethodParsedInput<M>,
  ): Promise<Result<MethodOutput<M>>> {
    return this.send((id) => ({ kind: 'call', id, method, input })).promise as Promise<
      Result<MethodOutput<M>>
    >;
  }

  /** Host-only methods (tokens, accounts); the renderer cannot reach these. */
  internal<M extends InternalMethodName>(
    method: M,
    input: InternalMethods[M]['input'],
  ): Promise<Result<InternalMethods[M]['output']>> {
    return this.send((id) => ({ kind: 'internal', id, method, input })).promise as Promise<
      Result<InternalMethods[M]['output']>
    >;
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
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.post({ kind: 'close' });
    // A worker stuck in a long statement gets a moment, then is stopped.
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  private send(build: (id: number) => HostToWorker): { id: number; promise: Promise<Result<unknown>> } {
    const id = this.nextId++;
    if (this.exited) return { id, promise: Promise.resolve(stopped) };
    const promise = new Promise<Result<unknown>>((resolve) => this.pending.set(id, resolve));
    this.post(build(id));
    return { id, promise };
  }

  private post(message: HostToWorker): void {
    if (!this.exited) this.worker.postMessage(message);
  }

  private receive(message: WorkerToHost): void {
    if (message.kind === 'result') {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    } else if (message.kind === 'event') {
      for (const listener of this.listeners) listener(message.name, message.payload);
    }
  }
}
