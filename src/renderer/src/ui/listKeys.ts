import type { KeyboardEvent } from 'react';

/**
 * Besides Tab, the arrow keys, Home and End move focus between the items of a list (rows of a
 * table, accounts in the sidebar). `itemSelector` names the focusable items inside the element
 * that has the handler.
 */
export function moveFocusWithArrows(itemSelector: string) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(itemSelector));
    const current = items.findIndex((item) => item === event.target);
    if (current < 0) return;
    const targets: Record<string, number> = {
      ArrowDown: Math.min(current + 1, items.length - 1),
      ArrowUp: Math.max(current - 1, 0),
      Home: 0,
      End: items.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    items[target]?.focus();
  };
}
