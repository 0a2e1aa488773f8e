import { type RefObject, useEffect } from 'react';

/**
 * Names each floating filter's button by its column ("Filter Link title"): AG Grid names every
 * one "Open Filter Menu" (its locale text has no column), so a screen reader's list of buttons
 * reads eleven times the same words. The buttons are made as columns scroll into view, so the
 * names are set whenever the header's children change (never on attributes: setting one would
 * wake the observer again).
 */
export function useNamedFilterButtons(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const name = (): void => {
      for (const button of root.querySelectorAll<HTMLElement>('.ag-floating-filter-button-button')) {
        const cell = button.closest<HTMLElement>('.ag-floating-filter[aria-colindex]');
        const index = cell?.getAttribute('aria-colindex');
        if (!index) continue;
        const title = root
          .querySelector(
            `.ag-header-cell:not(.ag-floating-filter)[aria-colindex="${index}"] .ag-header-cell-text`,
          )
          ?.textContent?.trim();
        const label = title ? `Filter ${title}` : null;
        if (label && button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
      }
    };
    name();
    // Rows come and go as the grid scrolls: only a change in the header, or a header added with
    // the grid, can bring a button.
    const bringsButtons = (m: MutationRecord): boolean =>
      (m.target instanceof Element && m.target.closest('.ag-header') !== null) ||
      [...m.addedNodes].some(
        (node) => node instanceof Element && node.querySelector('.ag-floating-filter-button-button') !== null,
      );
    const observer = new MutationObserver((mutations) => {
      if (mutations.some(bringsButtons)) name();
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container]);
}
