import { type ReactNode, useState } from 'react';
import { AppError } from '../../../shared/errors';
import { Dialog } from './Dialog';
import { Notice } from './Notice';

interface Props {
  title: string;
  /** The danger button's label, e.g. "Remove account". */
  confirmLabel: string;
  /** Shown when the removal fails with something other than an AppError. */
  failureMessage: string;
  /** A removal that cannot stop half-way: while it runs, the dialog cannot be closed. */
  lockWhileRemoving?: boolean;
  remove: () => Promise<unknown>;
  onClose: () => void;
  onRemoved: () => void;
  /** What goes, and (once `removing`) how far the removal is. */
  children: (removing: boolean) => ReactNode;
}

/** A narrow dialog that says what a removal deletes, with Cancel and a danger button that does it. */
export function ConfirmRemovalDialog(props: Props) {
  const {
    title,
    confirmLabel,
    failureMessage,
    lockWhileRemoving = false,
    remove,
    onClose,
    onRemoved,
  } = props;
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setRemoving(true);
    setError(null);
    try {
      await remove();
      onRemoved();
    } catch (cause) {
      setError(cause instanceof AppError ? cause.message : failureMessage);
      setRemoving(false);
    }
  }

  const locked = lockWhileRemoving && removing;
  return (
    <Dialog title={title} onClose={locked ? () => undefined : onClose} size="narrow">
      <div className="dialog-body">
        {props.children(removing)}
        {error && <Notice tone="error">{error}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={locked} autoFocus>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={confirm} disabled={removing}>
            {removing ? 'Removing…' : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
