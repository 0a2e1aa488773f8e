/**
 * The one HTTP call the client makes: a GET whose body is read whole as text. By default it runs
 * on node:http(s) with keep-alive agents rather than fetch: on a 500 kB page of clicks, fetch's
 * web-stream plumbing costs about 2 ms more CPU in the worker thread, a fifth of the time it
 * takes to parse and store that page (measured in `npm run bench -- ingest`). Anything
 * fetch-shaped, fetch itself included, can be passed instead, which is how tests inject faults.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  /** Rejects when the connection breaks before the whole body arrived. */
  text(): Promise<string>;
}

export type HttpGet = (
  url: string,
  /** `maxBytes`: refuse a longer body (text() rejects with BODY_TOO_LARGE); fetch ignores it. */
  init: { headers: Record<string, string>; signal: AbortSignal; maxBytes?: number },
) => Promise<HttpResponse>;

/** The `code` of the error text() rejects with when the body is longer than `maxBytes`. */
export const BODY_TOO_LARGE = 'ERR_BODY_TOO_LARGE';

export function isBodyTooLarge(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === BODY_TOO_LARGE;
}

function bodyTooLarge(maxBytes: number): Error {
  return Object.assign(new Error(`The answer is longer than ${maxBytes} bytes.`), { code: BODY_TOO_LARGE });
}

// Two requests in flight per account is the default; a few spare sockets cover several accounts.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

export const nodeHttpGet: HttpGet = (url, { headers, signal, maxBytes = Infinity }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const protocol = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (!protocol) {
      reject(new TypeError(`Unsupported protocol ${target.protocol}`));
      return;
    }
    const request = protocol.get(target, {
      headers,
      signal,
      agent: agents[target.protocol as 'http:' | 'https:'],
    });
    request.once('error', reject);
    request.once('response', (response) => {
      const body = new Promise<string>((resolveBody, rejectBody) => {
        // Refused as soon as it is known to be too long: from the header, or while counting the
        // bytes as they come (a chunked body has no length). Destroying the response stops the
        // download; the rejection comes first, so 'close' below changes nothing.
        const refuse = (): void => {
          rejectBody(bodyTooLarge(maxBytes));
          response.destroy();
        };
        if (Number(response.headers['content-length']) > maxBytes) {
          refuse();
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        let refused = false;
        response.on('data', (chunk: Buffer) => {
          if (refused) return;
          received += chunk.length;
          if (received > maxBytes) {
            refused = true;
            chunks.length = 0;
            refuse();
            return;
          }
          chunks.push(chunk);
        });
        // 'aborted'/'error' with complete === false: the server went away mid-body (a truncated page).
        response.once('error', rejectBody);
        response.once('close', () => {
          if (!response.complete)
            rejectBody(Object.assign(new Error('The answer was cut off.'), { code: 'ECONNRESET' }));
        });
        response.once('end', () => {
          // Decoding throws for a string longer than V8 allows (about 512 MB): a throw in this
          // listener would kill the thread, so it becomes the body's rejection.
          try {
            resolveBody(Buffer.concat(chunks, received).toString('utf8'));
          } catch (error) {
            rejectBody(error);
          }
        });
      });
      // Read the body at once so the socket is freed even if the caller never asks for it.
      body.catch(() => undefined);
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: {
          get: (name) => {
            const value = response.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          },
        },
        text: () => body,
      });
    });
  });
