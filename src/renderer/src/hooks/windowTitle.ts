/**
 * The window's title names where the user is: "Spring sale – Sample data — Copernica Clicks".
 * Electron's window follows the page's title, so the task bar and the window switcher say it too.
 */
export const appTitle = 'Copernica Clicks';

/** `places` from the most specific (the emailing) to the least (the account). */
export function windowTitle(places: readonly (string | null | undefined)[]): string {
  const named = places.filter((place): place is string => Boolean(place && place.trim()));
  return named.length === 0 ? appTitle : `${named.join(' – ')} — ${appTitle}`;
}
