import { type ReactNode, useEffect, useId, useRef } from 'react';
import { CrossIcon } from './CrossIcon';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** `narrow` for confirmations, `wide` for a preview. */
  size?: 'normal' | 'narrow' | 'wide';
}

/**
 * A modal dialog on the platform's own <dialog>: it keeps focus inside, returns it where it was,
 * and Escape closes it.
 */
export function Dialog({ title, onClose, children, size = 'normal' }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // The parent decides: it removes the dialog, which also closes it.
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <CrossIcon />
        </button>
      </div>
      {children}
    </dialog>
  );
}
