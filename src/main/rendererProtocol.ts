/**
 * Serves the built renderer (out/renderer) as `app://renderer/…`. We use a custom protocol
 * rather than file:// because it gives the renderer a real origin of its own: the IPC sender
 * check and navigation rules can compare against it, `'self'` in the CSP means "the renderer"
 * and not "every file on the disk", and the CSP can be sent as a header on every response.
 * Only GET requests for files inside the renderer folder are answered.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { productionCsp } from './csp';
import { appHost } from './rendererOrigin';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Maps a request to a file inside `rendererDir`, or null when it points anywhere else. */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.host !== appHost || pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(join(root, pathname === '/' ? 'index.html' : pathname));
  return file.startsWith(root + sep) ? file : null;
}

export function createRendererProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return plain(405, 'Method not allowed');
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file) return plain(403, 'Forbidden');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': productionCsp,
        'x-content-type-options': 'nosniff',
      },
    });
  };
}
