import type { ReactNode } from 'react';
import { CrossIcon } from './CrossIcon';

interface Props {
  tone: 'error' | 'warning' | 'info';
  children: ReactNode;
  action?: ReactNode;
  onDismiss?: () => void;
}

/** A message inside a panel: an error as an alert, a warning or note as status. */
export function Notice({ tone, children, action, onDismiss }: Props) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice-body">{children}</div>
      {action}
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          <CrossIcon />
        </button>
      )}
    </div>
  );
}
