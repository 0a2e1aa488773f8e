/**
 * One export as a control in the window sees it: the save dialog, then progress with Cancel,
 * then "saved" with Open and Show in folder, or why it failed. Main answers `exportView` as soon as the
 * user chose a file and reports the rest as exportProgress events, which may arrive before that
 * answer does: each control listens from the moment it is shown, and while it waits for the
 * answer it keeps every export's latest event, so it still finds what happened to its own. The
 * rules are a reducer (exportJobReducer), tested without React.
 */
import { useCallback, useEffect, useReducer } from 'react';
import { useApi } from '../ApiProvider';
import { type ErrorCode, toErrorShape } from '../../../shared/errors';
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
  const { code, message } = toErrorShape(error);
  return { phase: 'failed', code, message: `${message}${advice(code)}` };
}

export interface ExportJobState {
  job: ExportJob | null;
  /** The export this control follows; events of any other are not its business. */
  following: string | null;
  /** While the answer naming the export is awaited: the latest event of every export, by ID. */
  early: ReadonlyMap<string, ExportProgressEvent>;
}

export type ExportJobAction =
  | { type: 'start' }
  | { type: 'answered'; started: ExportStarted }
  | { type: 'progress'; event: ExportProgressEvent }
  | { type: 'failed'; error: unknown }
  | { type: 'folderFailed'; error: unknown }
  | { type: 'dismiss' };

export const idleExportJob: ExportJobState = { job: null, following: null, early: new Map() };

export function exportJobReducer(state: ExportJobState, action: ExportJobAction): ExportJobState {
  switch (action.type) {
    case 'start':
      return { job: { phase: 'choosing' }, following: null, early: new Map() };
    case 'answered': {
      const { started } = action;
      if (started.status === 'cancelled') return idleExportJob;
      const seen = state.early.get(started.exportId);
      return {
        job: seen
          ? fromEvent(seen)
          : { phase: 'writing', exportId: started.exportId, path: started.path, rows: 0, total: null },
        following: started.exportId,
        early: new Map(),
      };
    }
    case 'progress': {
      const { event } = action;
      if (event.exportId === state.following) return { ...state, job: fromEvent(event) };
      if (state.job?.phase !== 'choosing') return state;
      return { ...state, early: new Map(state.early).set(event.exportId, event) };
    }
    case 'failed':
      return { ...state, job: failure(action.error) };
    case 'folderFailed':
      if (state.job?.phase !== 'done') return state;
      return { ...state, job: { ...state.job, folderError: toErrorShape(action.error).message } };
    case 'dismiss':
      return idleExportJob;
  }
}

export interface ExportJobControl {
  job: ExportJob | null;
  busy: boolean;
  start(begin: () => Promise<ExportStarted>): void;
  cancel(): void;
  showInFolder(): void;
  /** Opens the file in its program (Excel, a PDF viewer). */
  open(): void;
  dismiss(): void;
}

export function useExportJob(): ExportJobControl {
  const api = useApi();
  const [{ job }, dispatch] = useReducer(exportJobReducer, idleExportJob);
  const exportId = job && 'exportId' in job ? job.exportId : null;

  useEffect(() => api.onExportProgress((event) => dispatch({ type: 'progress', event })), [api]);

  const start = useCallback((begin: () => Promise<ExportStarted>) => {
    dispatch({ type: 'start' });
    begin().then(
      (started) => dispatch({ type: 'answered', started }),
      (error: unknown) => dispatch({ type: 'failed', error }),
    );
  }, []);

  const cancel = useCallback(() => {
    if (!exportId) return;
    api.cancelExport({ exportId }).catch((error: unknown) => dispatch({ type: 'failed', error }));
  }, [api, exportId]);

  const showInFolder = useCallback(() => {
    if (!exportId) return;
    api.showExportInFolder({ exportId }).catch((error: unknown) => dispatch({ type: 'folderFailed', error }));
  }, [api, exportId]);

  const open = useCallback(() => {
    if (!exportId) return;
    // Failing to open is said where Show in folder's failures are: the file is still there.
    api.openExport({ exportId }).catch((error: unknown) => dispatch({ type: 'folderFailed', error }));
  }, [api, exportId]);

  const dismiss = useCallback(() => dispatch({ type: 'dismiss' }), []);
  const busy = job?.phase === 'choosing' || job?.phase === 'writing';
  return { job, busy, start, cancel, showInFolder, open, dismiss };
}
