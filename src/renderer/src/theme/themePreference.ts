/**
 * The theme the user chose in Settings: the system's (the default), light or dark. Kept in the
 * renderer's localStorage (a look, not data: nothing else needs it) and applied as data-theme on
 * <html>, which tokens.css reads over the system's prefers-color-scheme.
 */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const STORAGE_KEY = 'copernica-clicks.theme';
/** Dispatched on window when the choice changes, so charts can redraw in the new colours. */
export const THEME_CHANGE_EVENT = 'copernica-clicks:theme-change';

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return (themeChoices as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
  } catch {
    // Storage can be unavailable (a locked-down profile): the system's theme, as before.
    return 'system';
  }
}

export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not kept past this window; it still applies now.
  }
  applyThemeChoice(choice);
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}
