interface Props {
  /** What could not be loaded, as a sentence: "The timeline could not be loaded." */
  title: string;
  message: string;
  onRetry: () => void;
}

/** A load that failed inside a view, in a line above what is still shown, with a Retry. */
export function InlineError({ title, message, onRetry }: Props) {
  return (
    <div className="inline-error" role="alert">
      <span>
        <strong>{title}</strong> {message}
      </span>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
