/**
 * A screen the user opened takes the focus on its heading, as a screen reader user expects and
 * as the next Tab starts from there; without it focus falls to <body> when the control that
 * opened the screen goes away (Explore sample data, an emailing's row). The screens the window
 * shows before the user did anything leave the focus alone: there the first Tab belongs to the
 * skip link.
 */
import { type RefObject, useEffect } from 'react';

let userHasActed = false;
const noteAction = (): void => {
  userHasActed = true;
};
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', noteAction, { capture: true, once: true });
  window.addEventListener('keydown', noteAction, { capture: true, once: true });
}

export function useFocusOnMount(target: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (userHasActed) target.current?.focus({ preventScroll: true });
  }, [target]);
}
