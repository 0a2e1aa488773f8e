/**
 * Exports in the app's worker: main's host-only exportView/exportReport (cancelled as any request
 * is, by the host's `cancel` message, which aborts the handler's signal). Each export
 * reads through a read-only SQLite connection of its own, because an open iterator keeps its
 * connection busy: the grids keep answering on the worker's main connection while a million
 * rows are written (the engine yields to the event loop every 2,000 rows). Progress goes out as
 * exportProgress events, at most one per interval; the outcome is the method's answer, which
 * main turns into the export's last event.
 */
import { AppError } from '../../shared/errors';
import type { ExportProgress, ExportResult } from '../../shared/schemas/export';
import type { Emit } from '../context';
import { type CacheDatabase, openDatabase } from '../db/open';
import type { ExportInternalHandlers } from '../handlers';
import type { ExportOptions } from './viewExport';
import { exportReport } from './report';
import { exportView } from './viewExport';
import { writeClientReport } from '../report/clientReport';

export interface ExportModuleOptions {
  databasePath: string;
  nativeBinding?: string;
  emit: Emit;
  /** Least time between two progress events of one export, in ms (default 100: ≤ 10/s). */
  progressIntervalMs?: number;
  /** Opens the export's read-only connection; tests may wrap it. */
  openReadOnly?: () => CacheDatabase;
}

export interface ExportModule {
  internal: ExportInternalHandlers;
  /** Cancels running exports (their partial files are removed) and waits for them to stop. */
  close(): Promise<void>;
}

export function createExportModule(options: ExportModuleOptions): ExportModule {
  const interval = options.progressIntervalMs ?? 100;
  const openReadOnly =
    options.openReadOnly ??
    (() =>
      openDatabase(options.databasePath, {
        readonly: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      }));
  const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  async function run(
    exportId: string,
    path: string,
    cancelled: AbortSignal | undefined,
    work: (db: CacheDatabase, control: ExportOptions) => Promise<ExportResult>,
  ): Promise<ExportResult> {
    if (running.has(exportId)) throw new AppError('invalid_input', 'That export is already running.');
    // Stopped by the host cancelling the request, or by close().
    const controller = new AbortController();
    cancelled?.addEventListener('abort', () => controller.abort(), { once: true });
    if (cancelled?.aborted) controller.abort();
    let last = 0;
    const progress = ({ rows, total }: ExportProgress): void => {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      options.emit('exportProgress', { exportId, phase: 'writing', rows, total, path, error: null });
    };
    const done = (async () => {
      progress({ rows: 0, total: null });
      const db = openReadOnly();
      try {
        return await work(db, { signal: controller.signal, onProgress: progress });
      } finally {
        db.close();
      }
    })();
    running.set(exportId, { controller, done });
    try {
      return await done;
    } finally {
      running.delete(exportId);
    }
  }

  return {
    internal: {
      exportView: ({ exportId, request }, signal) =>
        run(exportId, request.out, signal, (db, control) => exportView(db, request, control)),
      exportReport: ({ exportId, request }, signal) =>
        run(exportId, request.out, signal, (db, control) => exportReport(db, request, control)),
      exportClientReport: ({ exportId, request }, signal) =>
        run(exportId, request.out, signal, (db, control) => writeClientReport(db, request, control)),
    },
    async close() {
      for (const { controller } of running.values()) controller.abort();
      await Promise.allSettled([...running.values()].map((r) => r.done));
    },
  };
}
