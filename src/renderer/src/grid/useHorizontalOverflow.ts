/**
 * Whether a grid has columns past its left or right edge. Overlay scrollbars (macOS, touchpads,
 * some Linux themes) show nothing until one scrolls, so a grid wider than its window looked as
 * if it ended at the last column in view: the edge that hides columns gets a shade instead.
 * AG Grid (v36) scrolls both ways in one `.ag-grid-viewport`; its scroll events are caught on
 * the way down, and the grid's column and size events call `update`.
 */
import { type RefObject, useCallback, useEffect, useState } from 'react';

export interface HorizontalOverflow {
  left: boolean;
  right: boolean;
}

const none: HorizontalOverflow = { left: false, right: false };

function measure(body: HTMLElement | null): HorizontalOverflow {
  const viewport = body?.querySelector<HTMLElement>('.ag-grid-viewport');
  if (!viewport) return none;
  const hidden = viewport.scrollWidth - viewport.clientWidth;
  // A pixel of rounding is not a hidden column.
  return {
    left: hidden > 1 && viewport.scrollLeft > 1,
    right: hidden > 1 && viewport.scrollLeft < hidden - 1,
  };
}

export function useHorizontalOverflow(body: RefObject<HTMLElement | null>): {
  overflow: HorizontalOverflow;
  update(): void;
} {
  const [overflow, setOverflow] = useState<HorizontalOverflow>(none);
  const show = useCallback((next: HorizontalOverflow) => {
    setOverflow((last) => (last.left === next.left && last.right === next.right ? last : next));
  }, []);

  useEffect(() => {
    const node = body.current;
    if (!node) return;
    const update = () => show(measure(node));
    const observer = new ResizeObserver(update);
    observer.observe(node);
    // Scroll events do not bubble, but an ancestor sees them in the capture phase.
    node.addEventListener('scroll', update, { capture: true, passive: true });
    return () => {
      observer.disconnect();
      node.removeEventListener('scroll', update, { capture: true });
    };
  }, [body, show]);

  return { overflow, update: () => show(measure(body.current)) };
}
