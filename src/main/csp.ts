/**
 * The Content-Security-Policy of the renderer, sent as a response header (by the app://
 * protocol in production, by a webRequest hook for the dev server) so that it also covers
 * responses the renderer's index.html does not control.
 */

const common = [
  "default-src 'none'",
  // AG Grid injects its theme as <style> elements at runtime.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
];

export const productionCsp = [...common, "script-src 'self'", "connect-src 'self'"].join('; ');

/**
 * The dev server needs what production refuses: the inline React Refresh preamble and the
 * websocket for hot reload. This policy is only ever applied to responses from that server.
 */
export function developmentCsp(devServerUrl: string): string {
  const server = new URL(devServerUrl);
  const socket = `${server.protocol === 'https:' ? 'wss' : 'ws'}://${server.host}`;
  return [...common, "script-src 'self' 'unsafe-inline'", `connect-src 'self' ${socket}`].join('; ');
}
