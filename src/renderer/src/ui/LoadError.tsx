import type { AppErrorShape } from '../../../shared/errors';

interface Props {
  /** What could not be loaded, as a sentence: "Could not load the accounts." */
  title: string;
  error: AppErrorShape;
  onRetry: () => void;
  retrying: boolean;
}

export function LoadError({ title, error, onRetry, retrying }: Props) {
  return (
    <div className="load-error" role="alert">
      <div>
        <p className="load-error-title">{title}</p>
        <p className="load-error-message">{error.message}</p>
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Trying…' : 'Try again'}
      </button>
    </div>
  );
}
