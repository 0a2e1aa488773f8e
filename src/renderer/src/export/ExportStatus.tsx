/**
 * A running export as a bar with Cancel; then the file's name (the full path on hover) with Open
 * and Show in folder, or why there is none. The banner floats over the bottom of its view, so a
 * banner, or two stacked, never push the grid down.
 */
import { formatCount } from '../format';
import type { ExportJobControl } from './exportJobs';
import { refreshAdvice } from './IncompleteSyncWarning';
import { CrossIcon } from '../ui/CrossIcon';

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function ExportStatus({ control, what }: { control: ExportJobControl; what: string }) {
  const { job } = control;
  if (!job || job.phase === 'choosing') return null;
  if (job.phase === 'writing') {
    const percent = job.total ? Math.min(100, Math.floor((job.rows / job.total) * 100)) : null;
    const text =
      job.total === null
        ? `${formatCount(job.rows)} rows`
        : `${formatCount(job.rows)} of ${formatCount(job.total)} rows`;
    return (
      <div className="export-status" role="status" data-testid="export-status">
        <span className="export-status-text">
          Exporting {what} to <strong title={job.path}>{fileName(job.path)}</strong>
        </span>
        <div
          className={percent === null ? 'progress indeterminate' : 'progress'}
          role="progressbar"
          aria-label={`Exporting ${what}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={percent === null ? text : `${percent}%, ${text}`}
        >
          <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
        </div>
        <span className="progress-text">{text}</span>
        <button type="button" className="button button-small" onClick={control.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (job.phase === 'done') {
    return (
      <div
        className={job.warning ? 'export-status done incomplete' : 'export-status done'}
        role="status"
        data-testid="export-status"
      >
        <span className="export-status-text">
          Saved {formatCount(job.rows)} {job.rows === 1 ? 'row' : 'rows'} to{' '}
          <strong className="export-path" title={job.path} data-testid="export-file-name">
            {fileName(job.path)}
          </strong>
          {job.warning && (
            <span className="export-warning">
              {job.warning} {refreshAdvice}
            </span>
          )}
          {job.folderError && <span className="export-folder-error"> {job.folderError}</span>}
        </span>
        <button type="button" className="button button-small" onClick={control.open}>
          Open
        </button>
        <button type="button" className="button button-small" onClick={control.showInFolder}>
          Show in folder
        </button>
        <DismissButton onClick={control.dismiss} />
      </div>
    );
  }
  if (job.phase === 'cancelled') {
    return (
      <div className="export-status" role="status" data-testid="export-status">
        <span className="export-status-text">Export cancelled. No file was written.</span>
        <DismissButton onClick={control.dismiss} />
      </div>
    );
  }
  return (
    <div className="export-status failed" role="alert" data-testid="export-status">
      <span className="export-status-text">
        <strong>The export failed.</strong> {job.message}
      </span>
      <DismissButton onClick={control.dismiss} />
    </div>
  );
}

function DismissButton({ onClick }: { onClick(): void }) {
  return (
    <button type="button" className="icon-button export-dismiss" aria-label="Dismiss" onClick={onClick}>
      <CrossIcon />
    </button>
  );
}
