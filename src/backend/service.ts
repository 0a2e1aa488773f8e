/**
 * The backend as plain functions over one SQLite connection: what the worker serves, and what
 * tests can call directly. It takes its dependencies (database path, fetch, clock) as arguments
 * and never imports Electron.
 */
import type { EventName, EventPayload, SyncProgress } from '../shared/contract';
import { createAccountsModule } from './accounts/accountsModule';
import type { BackendContext } from './context';
import { CopernicaClient } from './copernica/client';
import { createExportModule } from './export/exportModule';
import type { HttpGet } from './copernica/httpGet';
import type { Handlers, InternalHandlers } from './handlers';
import { createViewHandlers } from './views/viewHandlers';
import { startCheckpointer } from './db/checkpointer';
import { createFiguresHandlers } from './figures/figuresHandlers';
import { createReportHandlers } from './report/reportHandlers';
import { createBotHandlers } from './bots/botHandlers';
import { type CacheDatabase, openDatabase } from './db/open';
import { EmailingStore } from './accounts/emailingStore';
import { syncCompleteness } from './export/completeness';
import { schemaVersionOf } from './db/migrations';
import type { SyncRequest, SyncSummary } from './protocol';
import { planSync, runSync } from './sync/runSync';

/**
 * How often the checkpoint thread copies the WAL back: often enough that the WAL stays a few
 * commit groups long, rarely enough that a page several commits rewrite is copied once.
 */
const CHECKPOINT_INTERVAL_MS = 1000;

export interface BackendServiceOptions {
  databasePath: string;
  nativeBinding?: string;
  version: string;
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  /** Where unexpected errors go; the worker sends them to the host's log. Default: stderr. */
  logError?: (message: string, error: unknown) => void;
  fetch?: HttpGet;
  /** Copernica's origin without the version; default https://api.copernica.com. */
  copernicaOrigin?: string;
  now?: () => Date;
  /** How often to look for writes by other processes (the CLI run by cron), in ms; 0 = never. */
  externalChangePollMs?: number;
  /** Least time between two progress events of one emailing, in ms. */
  progressIntervalMs?: number;
  /** The checkpoint thread's entry (db/checkpointer.ts); without it the connection checkpoints itself. */
  checkpointWorker?: string | URL;
}

export interface BackendService {
  handlers: Handlers;
  /** Host-only methods: tokens, account changes and exports (see protocol.ts). */
  internal: InternalHandlers;
  runSync(request: SyncRequest, signal?: AbortSignal): Promise<SyncSummary>;
  /** Stops background work (syncs finish their page, indexes are restored), then closes SQLite. */
  close(): Promise<void>;
}

export function createBackendService(options: BackendServiceOptions): BackendService {
  const db: CacheDatabase = openDatabase(options.databasePath, { nativeBinding: options.nativeBinding });
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const checkpointer = options.checkpointWorker
    ? startCheckpointer({
        entry: options.checkpointWorker,
        writer: db,
        databasePath: options.databasePath,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        intervalMs: CHECKPOINT_INTERVAL_MS,
        onReport: (report) => {
          if (report.kind === 'failed')
            logError(
              'The checkpoint thread stopped; the backend checkpoints the cache itself.',
              report.message,
            );
        },
      })
    : null;
  const cacheChanged = (): void => options.emit('cacheChanged', { at: now().toISOString() });

  // PRAGMA data_version moves when another connection commits, not when this one does: a cheap
  // way to notice a cron-run CLI sync and refresh what the window shows.
  let seenVersion = db.pragma('data_version', { simple: true }) as number;
  const pollMs = options.externalChangePollMs ?? 2000;
  const poll =
    pollMs > 0
      ? setInterval(() => {
          const version = db.pragma('data_version', { simple: true }) as number;
          if (version !== seenVersion) {
            seenVersion = version;
            cacheChanged();
          }
        }, pollMs)
      : null;
  poll?.unref();

  const context: BackendContext = {
    db,
    databasePath: options.databasePath,
    version: options.version,
    copernicaOrigin: (options.copernicaOrigin ?? 'https://api.copernica.com').replace(/\/+$/, ''),
    emit: options.emit,
    logError,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const accounts = createAccountsModule(
    context,
    options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {},
  );
  const exports = createExportModule({
    databasePath: options.databasePath,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    emit: options.emit,
    ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
  });

  const handlers: Handlers = {
    ...accounts.handlers,
    ...createViewHandlers(context),
    ...createFiguresHandlers(context),
    ...createReportHandlers(context),
    ...createBotHandlers(context),
    getAppInfo: () => ({
      version: options.version,
      databasePath: options.databasePath,
      schemaVersion: schemaVersionOf(db),
    }),
    listCachedEmailings: () => new EmailingStore(db).cachedAll(),
    getSyncCompleteness: ({ emailingKey }) => syncCompleteness(db, emailingKey),
  };

  const throttledProgress = (): ((progress: SyncProgress) => void) => {
    const interval = options.progressIntervalMs ?? 100;
    let last = 0;
    return (progress) => {
      const time = Date.now();
      // The page that completes the total always goes out: the window shows 100 % at once.
      const complete = progress.total !== null && progress.rows >= progress.total;
      if (progress.phase === 'fetching' && !complete && time - last < interval) return;
      last = time;
      options.emit('syncProgress', progress);
    };
  };

  // Syncs started through runSync (the benchmark, tests); close waits for them to wind down.
  const running = new Set<Promise<unknown>>();

  return {
    handlers,
    internal: { ...accounts.internal, ...exports.internal },
    runSync(request, signal) {
      const work = runOneSync(request, signal);
      running.add(work);
      void work.catch(() => undefined).finally(() => running.delete(work));
      return work;
    },
    async close() {
      await accounts.close();
      await exports.close();
      await Promise.allSettled(running);
      if (poll) clearInterval(poll);
      await checkpointer?.stop();
      db.close();
    },
  };

  async function runOneSync(request: SyncRequest, signal?: AbortSignal): Promise<SyncSummary> {
    const client = new CopernicaClient({
      baseUrl: request.apiBase,
      token: request.token,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    try {
      const plan = await planSync(client, request.apiBase, request.emailingIds, signal);
      const result = await runSync({
        db,
        source: client,
        plan,
        timeZone: request.timeZone,
        signal,
        onProgress: throttledProgress(),
        now,
      });
      return {
        accountId: result.accountId,
        accountLabel: result.accountLabel,
        emailings: result.emailings.map(
          ({ resumed: _resumed, incremental: _incremental, ...synced }) => synced,
        ),
      };
    } finally {
      cacheChanged();
    }
  }
}
