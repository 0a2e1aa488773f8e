/**
 * One export as its control follows it (export/exportJobs.ts), without React: main's answer
 * naming the export may come after its first progress events, other exports' events are not the
 * control's business, and failures read as the contract's error with what to do about it.
 */
import { describe, expect, it } from 'vitest';
import {
  type ExportJobAction,
  type ExportJobState,
  exportJobReducer,
  idleExportJob,
} from '../../src/renderer/src/export/exportJobs';
import { AppError } from '../../src/shared/errors';
import type { ExportProgressEvent } from '../../src/shared/schemas/export';

function run(...actions: ExportJobAction[]): ExportJobState {
  return actions.reduce(exportJobReducer, idleExportJob);
}

function progress(exportId: string, phase: ExportProgressEvent['phase'], rows: number): ExportJobAction {
  return {
    type: 'progress',
    event: { exportId, phase, rows, total: 10, path: `/tmp/${exportId}.xlsx`, error: null },
  };
}

const answered = (exportId: string): ExportJobAction => ({
  type: 'answered',
  started: { status: 'started', exportId, path: `/tmp/${exportId}.xlsx` },
});

describe('exportJobReducer', () => {
  it('finds what happened to its export when the events came before the answer naming it', () => {
    const state = run(
      { type: 'start' },
      progress('e1', 'writing', 4),
      progress('e1', 'done', 10),
      answered('e1'),
    );
    expect(state.job).toEqual({
      phase: 'done',
      exportId: 'e1',
      path: '/tmp/e1.xlsx',
      rows: 10,
      folderError: null,
      warning: null,
    });
  });

  it('follows its own export and ignores the events of any other', () => {
    const state = run(
      { type: 'start' },
      answered('mine'),
      progress('other', 'done', 10),
      progress('mine', 'writing', 3),
    );
    expect(state.job).toEqual({
      phase: 'writing',
      exportId: 'mine',
      path: '/tmp/mine.xlsx',
      rows: 3,
      total: 10,
    });
  });

  it('does not take an earlier export of another control for its own', () => {
    const state = run(progress('e1', 'done', 10), { type: 'start' }, answered('e1'));
    expect(state.job).toEqual({
      phase: 'writing',
      exportId: 'e1',
      path: '/tmp/e1.xlsx',
      rows: 0,
      total: null,
    });
  });

  it('goes back to idle when the user cancels the save dialog', () => {
    expect(run({ type: 'start' }, { type: 'answered', started: { status: 'cancelled' } })).toEqual(
      idleExportJob,
    );
  });

  it('words a failure as the contract error, with advice for a file that cannot be written', () => {
    const failed = run(
      { type: 'start' },
      { type: 'failed', error: new AppError('io_error', 'The file is locked.') },
    );
    expect(failed.job).toEqual({
      phase: 'failed',
      code: 'io_error',
      message: 'The file is locked. Choose another folder, or close the file if it is open elsewhere.',
    });
    const internal = run({ type: 'start' }, { type: 'failed', error: new Error('boom') });
    expect(internal.job).toMatchObject({ phase: 'failed', code: 'internal' });
  });

  it('shows why the folder could not be opened beside a saved file, and only there', () => {
    const error = new AppError('not_found', 'The file was moved.');
    const done = run({ type: 'start' }, answered('e1'), progress('e1', 'done', 10), {
      type: 'folderFailed',
      error,
    });
    expect(done.job).toMatchObject({ phase: 'done', folderError: 'The file was moved.' });
    const writing = run({ type: 'start' }, answered('e1'), { type: 'folderFailed', error });
    expect(writing.job).toMatchObject({ phase: 'writing' });
  });

  it('forgets the export on dismiss, so its late events change nothing', () => {
    const state = run({ type: 'start' }, answered('e1'), { type: 'dismiss' }, progress('e1', 'done', 10));
    expect(state.job).toBeNull();
  });
});
