/**
 * Which pages are ours. The packaged renderer is served from `app://renderer/` (see
 * rendererProtocol.ts) and, in development, from electron-vite's dev server. Navigation checks,
 * the IPC sender check and the CSP all compare against this one definition.
 */

export const appScheme = 'app';
export const appHost = 'renderer';
export const packagedRendererEntry = `${appScheme}://${appHost}/index.html`;

export interface RendererOrigin {
  /** What the window loads first. */
  entryUrl: string;
  /** The dev server URL when running under `electron-vite dev`, else null. */
  devServerUrl: string | null;
  isRendererUrl(url: string): boolean;
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

export function createRendererOrigin(devServerUrl: string | null): RendererOrigin {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (devServerUrl && !dev) throw new Error(`The renderer dev server URL is not a URL: ${devServerUrl}`);
  return {
    entryUrl: dev ? dev.href : packagedRendererEntry,
    devServerUrl: dev ? dev.href : null,
    isRendererUrl(raw) {
      const url = parse(raw);
      if (!url || url.username || url.password) return false;
      // WHATWG gives non-special schemes such as app: an opaque origin ("null"), so the
      // packaged renderer is recognised by scheme and host rather than by `origin`.
      if (dev) return url.origin === dev.origin;
      return url.protocol === `${appScheme}:` && url.host === appHost;
    },
  };
}
