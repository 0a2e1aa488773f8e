/**
 * The full text of an error, one click away: a "Details" button that opens a popover with the
 * message as it came (Copernica's answer, the request, the status), selectable to copy. Escape
 * or a click elsewhere closes it; a scroll takes it along. It is placed beside the button in the
 * window's coordinates, so a scrolling table around the button cannot clip it.
 */
import { type CSSProperties, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useDismiss } from '../hooks/useDismiss';

const panelWidth = 340;

/** Below the button, right-aligned with it; above it when the window has no room below. */
function placeBeside(button: HTMLElement): CSSProperties {
  const box = button.getBoundingClientRect();
  const left = Math.max(8, Math.min(box.right - panelWidth, window.innerWidth - panelWidth - 8));
  if (window.innerHeight - box.bottom < 160) return { left, bottom: window.innerHeight - box.top + 4 };
  return { left, top: box.bottom + 4 };
}

export function ErrorDetails({ text }: { text: string }) {
  const [place, setPlace] = useState<CSSProperties | null>(null);
  const open = place !== null;
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setPlace(null), []);
  useDismiss(open, root, button, close);

  // A scroll moves the button under a popover fixed in the window: the popover follows it.
  useEffect(() => {
    if (!open) return;
    const follow = (event: Event) => {
      if (root.current?.contains(event.target as Node) || !button.current) return;
      setPlace(placeBeside(button.current));
    };
    document.addEventListener('scroll', follow, { capture: true, passive: true });
    return () => document.removeEventListener('scroll', follow, { capture: true });
  }, [open]);

  return (
    <div className="error-details" ref={root}>
      <button
        ref={button}
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setPlace(open || !button.current ? null : placeBeside(button.current))}
      >
        Details
      </button>
      {place && (
        <div
          className="error-details-panel"
          id={panelId}
          role="note"
          aria-label="What went wrong"
          style={{ ...place, width: panelWidth }}
        >
          {text}
        </div>
      )}
    </div>
  );
}
