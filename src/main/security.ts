/**
 * Keeps every web page the app creates on a short leash (Electron security checklist items
 * 5, 7, 11-14): it can't navigate away from the renderer, open windows, attach <webview>s or get
 * any permission, and links to the web open in the user's browser instead.
 */
import type { Session, WebContents } from 'electron';
import { developmentCsp } from './csp';
import { isExternalWebUrl, type OpenInShell } from './openExternal';
import type { RendererOrigin } from './rendererOrigin';

export interface SecurityDeps {
  origin: RendererOrigin;
  openInShell: OpenInShell;
  /** Reports a refused navigation or a failed hand-off to the browser. */
  warn(message: string, error?: unknown): void;
}

function handOff(url: string, deps: SecurityDeps): void {
  if (!isExternalWebUrl(url)) {
    deps.warn(`Refused to open ${url.slice(0, 200)}: only http and https links leave the app.`);
    return;
  }
  deps.openInShell(url).catch((error: unknown) => deps.warn('Could not open a link in the browser.', error));
}

export function hardenWebContents(contents: WebContents, deps: SecurityDeps): void {
  // Reloading the renderer (dev-server hot reload) is a navigation to our own page: allowed.
  // Anything else would replace the app with a page that can reach window.api.
  contents.on('will-navigate', (event) => {
    if (deps.origin.isRendererUrl(event.url)) return;
    event.preventDefault();
    handOff(event.url, deps);
  });
  contents.on('will-redirect', (event) => {
    if (deps.origin.isRendererUrl(event.url)) return;
    event.preventDefault();
    deps.warn(`Refused a redirect to ${event.url.slice(0, 200)}.`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    handOff(url, deps);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session, deps: Pick<SecurityDeps, 'origin'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const { devServerUrl } = deps.origin;
  if (devServerUrl) {
    // In production the app:// protocol sends the CSP itself; the dev server does not.
    const csp = developmentCsp(devServerUrl);
    session.webRequest.onHeadersReceived(
      { urls: [`${new URL(devServerUrl).origin}/*`] },
      (details, callback) => {
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
      },
    );
  }
}
