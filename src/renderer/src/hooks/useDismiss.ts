import { type RefObject, useEffect } from 'react';

/**
 * Closes a popover on a click outside `root` or on Escape. Escape is caught before anything else
 * sees it, so it closes the popover and not the side panel behind it, and focus goes back to the
 * button that opened it.
 */
export function useDismiss(
  open: boolean,
  root: RefObject<HTMLElement | null>,
  opener: RefObject<HTMLElement | null>,
  close: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    const dismiss = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        opener.current?.focus();
      } else if (root.current?.contains(event.target as Node)) return;
      close();
    };
    document.addEventListener('mousedown', dismiss);
    document.addEventListener('keydown', dismiss, true);
    return () => {
      document.removeEventListener('mousedown', dismiss);
      document.removeEventListener('keydown', dismiss, true);
    };
  }, [open, root, opener, close]);
}
