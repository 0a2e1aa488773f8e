/**
 * Chart.js draws on a canvas, which cannot read CSS custom properties: the chart asks for the
 * design tokens (styles/tokens.css) by name and gets their values for the current theme here.
 */
import { THEME_CHANGE_EVENT } from '../theme/themePreference';

/** The tokens a chart series may be drawn in. */
export type SeriesColourToken = '--chart-series' | '--chart-series-all' | '--chart-series-filtered';

export interface ChartColours {
  text: string;
  mutedText: string;
  grid: string;
}

/**
 * The colour a token stands for now, as rgb(): the token holds light-dark(…), which only an
 * element's computed colour resolves for the theme in use.
 */
export function tokenColour(token: string): string {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.color = `var(${token})`;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

export function chartColours(): ChartColours {
  return {
    text: tokenColour('--text'),
    mutedText: tokenColour('--text-muted'),
    grid: tokenColour('--chart-grid'),
  };
}

/**
 * Calls back when the system switches between light and dark, or the user picks a theme in
 * Settings, so a chart can redraw.
 */
export function onColourSchemeChange(callback: () => void): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', callback);
  window.addEventListener(THEME_CHANGE_EVENT, callback);
  return () => {
    query.removeEventListener('change', callback);
    window.removeEventListener(THEME_CHANGE_EVENT, callback);
  };
}
