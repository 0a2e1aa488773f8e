/** Sets the window title (windowTitle.ts) while a screen is shown. */
import { useEffect } from 'react';
import { windowTitle } from './windowTitle';

/** null leaves the title to another screen (the list while one of its emailings is open). */
export function useWindowTitle(places: readonly (string | null | undefined)[] | null): void {
  const title = places === null ? null : windowTitle(places);
  useEffect(() => {
    if (title !== null) document.title = title;
  }, [title]);
}
