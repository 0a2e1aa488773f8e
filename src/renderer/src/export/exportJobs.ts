/**
 * One export as a control in the window sees it: the save dialog, then progress with Cancel,
 * then "saved" with Show in folder, or why it failed. Main answers `exportView` as soon as the
 * user chose a file and reports the rest as exportProgress events, which may arrive before that
 * answer does: every event is kept by export ID from the first subscription on, so a control
 * that learns its ID late still finds what happened.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { ExportProgressEvent, ExportStarted } from '../../../shared/schemas/export';

export type ExportJob =
  | { phase: 'choosing' }
  | { phase: 'writing'; exportId: string; path: string; rows: number; total: number | null }
  | {
      phase: 'done';
      exportId: string;
      path: string;
      rows: number;
      folderError: string | null;
      /** The emailing's last sync did not finish: what the file lacks (backend/export/completeness.ts). */
      warning: string | null;
    }
  | { phase: 'cancelled' }
  | { phase: 'failed'; code: ErrorCode; message: string };

const latest = new Map<string, ExportProgressEvent>();
const listeners = new Set<(event: ExportProgressEvent) => void>();
let subscribedTo: ApiClient | null = null;

function listen(client: ApiClient, listener: (event: ExportProgressEvent) => void): () => void {
  if (subscribedTo !== client) {
    subscribedTo = client;
    client.onExportProgress((event) => {
      latest.set(event.exportId, event);
      for (const each of listeners) each(event);
    });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What to do about a failure, after the message that says what went wrong. */
function advice(code: ErrorCode): string {
  if (code === 'io_error') return ' Choose another folder, or close the file if it is open elsewhere.';
  return '';
}

function fromEvent(event: ExportProgressEvent): ExportJob {
  switch (event.phase) {
    case 'writing':
      return {
        phase: 'writing',
        exportId: event.exportId,
        path: event.path,
        rows: event.rows,
        total: event.total,
      };
    case 'done':
      return {
        phase: 'done',
        exportId: event.exportId,
        path: event.path,
        rows: event.rows,
        folderError: null,
        warning: event.warning ?? null,
      };
    case 'cancelled':
      return { phase: 'cancelled' };
    case 'failed': {
      const code = event.error?.code ?? 'internal';
      return {
        phase: 'failed',
        code,
        message: `${event.error?.message ?? 'The export failed.'}${advice(code)}`,
      };
    }
  }
}

function failure(error: unknown): ExportJob {
  const code = error instanceof AppError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return { phase: 'failed', code, message: `${message}${advice(code)}` };
}

export interface ExportJobControl {
  job: ExportJob | null;
  busy: boolean;
  start(begin: () => Promise<ExportStarted>): void;
  cancel(): void;
  showInFolder(): void;
  dismiss(): void;
}

export function useExportJob(client: ApiClient): ExportJobControl {
  const [job, setJob] = useState<ExportJob | null>(null);
  // The export this control follows; events of any other are not its business.
  const following = useRef<string | null>(null);
  const exportId = job && 'exportId' in job ? job.exportId : null;

  useEffect(
    () =>
      listen(client, (event) => {
        if (event.exportId === following.current) setJob(fromEvent(event));
      }),
    [client],
  );

  const start = useCallback((begin: () => Promise<ExportStarted>) => {
    following.current = null;
    setJob({ phase: 'choosing' });
    begin()
      .then((started) => {
        if (started.status === 'cancelled') return setJob(null);
        following.current = started.exportId;
        const seen = latest.get(started.exportId);
        setJob(
          seen
            ? fromEvent(seen)
            : { phase: 'writing', exportId: started.exportId, path: started.path, rows: 0, total: null },
        );
      })
      .catch((error: unknown) => setJob(failure(error)));
  }, []);

  const cancel = useCallback(() => {
    if (!exportId) return;
    client.cancelExport({ exportId }).catch((error: unknown) => setJob(failure(error)));
  }, [client, exportId]);

  const showInFolder = useCallback(() => {
    if (!exportId) return;
    client
      .showExportInFolder({ exportId })
      .catch((error: unknown) =>
        setJob((current) =>
          current?.phase === 'done'
            ? { ...current, folderError: error instanceof Error ? error.message : String(error) }
            : current,
        ),
      );
  }, [client, exportId]);

  const dismiss = useCallback(() => {
    following.current = null;
    setJob(null);
  }, []);
  const busy = job?.phase === 'choosing' || job?.phase === 'writing';
  return { job, busy, start, cancel, showInFolder, dismiss };
}
