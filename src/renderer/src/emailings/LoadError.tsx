import type { AppErrorShape } from '../../../shared/errors';

interface Props {
  error: AppErrorShape;
  onRetry: () => void;
  retrying: boolean;
  /** A banner above a list that is still shown, rather than the whole panel. */
  compact?: boolean;
}

export function LoadError({ error, onRetry, retrying, compact = false }: Props) {
  return (
    <div className={compact ? 'load-error compact' : 'load-error'} role="alert">
      <div>
        <p className="load-error-title">
          {compact
            ? 'Could not reload the cached emailings; the list below may be out of date.'
            : 'Could not load the cached emailings.'}
        </p>
        <p className="load-error-message">{error.message}</p>
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Trying…' : 'Try again'}
      </button>
    </div>
  );
}
