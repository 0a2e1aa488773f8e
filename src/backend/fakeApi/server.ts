/**
 * A fake Copernica REST API on 127.0.0.1 for tests, development and benchmarks. It follows the
 * documented behaviour (see ../shared/reference/copernica-api.md): the paging envelope, string
 * numbers, `fields[]` filters, a 1000-row cap, 400 JSON errors. It serves /v2 and /v3 alike, and
 * can inject the faults seen on the live API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  FakeEmailing,
  PROFILE_BASE,
  SUBPROFILE_BASE,
  profileJson,
  subprofileJson,
  type FakeEmailingSpec,
  type RowFormat,
  type UserAgentKey,
} from './data';
import { MixedEmailing } from './mixedClicks';
import { FaultQueue, applyListLies, hugeBody, loadbalancerPage, type Fault } from './faults';
import { conditionsOf, pageOf, select, selectionSize } from './filters';

export type { FakeEmailingSpec } from './data';
export type { Fault, FaultKind } from './faults';

export interface FakeCopernicaOptions {
  /** 0 (default) picks a free port. Always binds 127.0.0.1. */
  port?: number;
  /** Accepted access tokens, default ['test-token']. */
  tokens?: string[];
  emailings?: FakeEmailingSpec[];
  seed?: number;
  /** Which key clicks carry the user agent under (default 'useragent'; before 2019 'user-agent'). */
  userAgentKey?: UserAgentKey;
  /** Row IDs and counters as JSON strings, as the real API (default true). */
  numbersAsStrings?: boolean;
  /** Added to every answer, default 0. */
  latencyMs?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: URLSearchParams;
  /** 0 while unanswered, or when the connection was dropped on purpose. */
  status: number;
}

export interface RequestInfo {
  method: string;
  path: string;
  query: URLSearchParams;
  /** 1 for the first request the server received. */
  number: number;
}

/** A click as the API sends it (one element of `data`). */
export type RawClick = Record<string, string | number | null>;

export interface FakeCopernica {
  /** e.g. 'http://127.0.0.1:43123/v2'; /v3 behaves the same. */
  readonly url: string;
  readonly port: number;
  /** The most recent requests (up to 10 000), oldest first. */
  readonly requests: RequestLogEntry[];
  /** Requests being answered right now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  resetStats(): void;
  appendClicks(emailingId: number, n: number, opts?: { timestamp?: string }): void;
  clicksOf(emailingId: number): RawClick[];
  clickCount(emailingId: number): number;
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Called as each request arrives, before it is answered. */
  onRequest?: (info: RequestInfo) => void;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_EMAILINGS: FakeEmailingSpec[] = [
  { id: 1001, subject: 'Voorjaarsactie', sentAt: '2024-03-04 09:00:00', clicks: 2500 },
  { id: 1002, subject: 'Nieuwsbrief maart – café & crème', sentAt: '2024-03-11 09:30:00', clicks: 120 },
  { id: 1003, subject: 'Uitnodiging', sentAt: '2024-03-18 10:00:00', clicks: 0 },
];

const REQUEST_LOG_CAP = 10_000;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

function json(status: number, value: unknown): Answer {
  return { status, body: JSON.stringify(value) };
}

function apiError(message: string): Answer {
  return json(400, { error: { message } });
}

const noEntity = apiError('No entity with supplied ID');

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number.parseInt(raw, 10);
  return Number.isNaN(n) ? fallback : n;
}

/** `total` is on unless it is sent as false, 0 or no (rmuit's isBooleanTrue). */
function wantsTotal(query: URLSearchParams): boolean {
  const raw = query.get('total');
  if (raw === null) return true;
  return !['false', '0', 'no', ''].includes(raw.trim().toLowerCase());
}

function paging(query: URLSearchParams): { start: number; limit: number; total: boolean } {
  return {
    start: intParam(query, 'start', 0),
    limit: Math.min(MAX_LIMIT, intParam(query, 'limit', DEFAULT_LIMIT)),
    total: wantsTotal(query),
  };
}

function envelope(start: number, limit: number, total: number | null, rows: string[]): string {
  return (
    `{"start":${start},"limit":${limit},"count":${rows.length}` +
    (total === null ? '' : `,"total":${total}`) +
    `,"data":[${rows.join(',')}]}`
  );
}

function positiveId(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

export async function createFakeCopernica(options: FakeCopernicaOptions = {}): Promise<FakeCopernica> {
  const tokens = new Set(options.tokens ?? ['test-token']);
  const seed = options.seed ?? 1;
  const format: RowFormat = {
    userAgentKey: options.userAgentKey ?? 'useragent',
    numbersAsStrings: options.numbersAsStrings ?? true,
  };
  const latencyMs = options.latencyMs ?? 0;
  const emailings = new Map<number, FakeEmailing>();
  for (const spec of options.emailings ?? DEFAULT_FAKE_EMAILINGS) {
    emailings.set(
      spec.id,
      spec.mixed ? new MixedEmailing(spec, seed, spec.mixed) : new FakeEmailing(spec, seed),
    );
  }
  const faults = new FaultQueue();
  const requests: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let received = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const emailingOr = (id: string | undefined): FakeEmailing | null => {
    const n = positiveId(id);
    return n === null ? null : (emailings.get(n) ?? null);
  };

  function route(segments: string[], query: URLSearchParams, version: string): Answer {
    const [first, second, third, fourth] = segments;
    if (first === 'identity' && segments.length === 1) {
      return json(200, {
        id: format.numbersAsStrings ? '34' : 34,
        name: 'Development',
        description: 'This is an account to test with',
        company: 'Copernica BV',
        customer: { id: '3871', name: 'Copernica BV', isPartner: false },
        usedBy: [],
        license: { id: '5679', isTrial: false },
      });
    }
    if (first === 'publisher' && second === 'emailings' && segments.length === 2) {
      const { start, limit, total } = paging(query);
      const all = [...emailings.values()].sort((a, b) =>
        a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0,
      );
      const rows =
        start < 0 || limit < 0
          ? []
          : all.slice(start, start + limit).map((e) => JSON.stringify(e.toJson(format, true)));
      return { status: 200, body: envelope(start, limit, total ? all.length : null, rows) };
    }
    if (first === 'publisher' && second === 'emailing' && (segments.length === 3 || segments.length === 4)) {
      const emailing = emailingOr(third);
      if (!emailing) return noEntity;
      if (segments.length === 3) return json(200, emailing.toJson(format, false));
      if (fourth === 'statistics') return json(200, emailing.statisticsJson(format, version));
      if (fourth !== 'clicks') return apiError('Invalid method');
      const { start, limit, total } = paging(query);
      const selection = select(emailing, conditionsOf(query));
      const rows = pageOf(selection, start, limit).map((k) => emailing.rowJson(k, format));
      return { status: 200, body: envelope(start, limit, total ? selectionSize(selection) : null, rows) };
    }
    if ((first === 'profile' || first === 'subprofile') && segments.length === 2) {
      const id = positiveId(second);
      if (first === 'profile') {
        return id !== null && id >= PROFILE_BASE ? json(200, profileJson(id, seed, format)) : noEntity;
      }
      return id !== null && id >= SUBPROFILE_BASE
        ? json(200, subprofileJson(id, seed, format))
        : apiError('No subprofile with supplied ID');
    }
    return apiError('Invalid method');
  }

  function send(res: ServerResponse, answer: Answer, entry: RequestLogEntry): void {
    if (res.destroyed) return;
    entry.status = answer.status;
    const body = Buffer.from(answer.body);
    res.writeHead(answer.status, {
      'Content-Type': answer.headers?.['Content-Type'] ?? 'application/json',
      'Content-Length': body.length,
      ...answer.headers,
    });
    res.end(body);
  }

  async function sendHugeBody(res: ServerResponse, fault: Fault, entry: RequestLogEntry): Promise<void> {
    entry.status = 200;
    const body = hugeBody(fault.bytes ?? 100 * 1024 * 1024);
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (!fault.chunked) headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    const drained = (): Promise<void> =>
      new Promise((resolve) => {
        const done = (): void => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    for (const chunk of body.chunks()) {
      // The client hung up (it refused the body): stop generating.
      if (res.destroyed || closed) return;
      if (!res.write(chunk)) await drained();
    }
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams;
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, query, status: 0 };
    requests.push(entry);
    if (requests.length > REQUEST_LOG_CAP) requests.splice(0, requests.length - REQUEST_LOG_CAP);
    received++;
    fake.onRequest?.({ method: entry.method, path: entry.path, query, number: received });
    if (latencyMs > 0) await wait(latencyMs);

    const fault = faults.take(url.pathname);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await wait(fault.delayMs ?? 5000);
    if (closed || res.destroyed) return;
    if (fault?.kind === 'html502' || fault?.kind === 'html503' || fault?.kind === 'html504') {
      const status = Number(fault.kind.slice(4));
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
      if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
      send(res, { status, body: loadbalancerPage(status), headers }, entry);
      return;
    }
    if (fault?.kind === 'status429') {
      const body = JSON.stringify({ error: { message: 'Too many requests' } });
      send(res, { status: 429, body, headers: { 'Retry-After': fault.retryAfter ?? '1' } }, entry);
      return;
    }
    if (fault?.kind === 'json400') {
      send(res, apiError(fault.message ?? 'Invalid request'), entry);
      return;
    }
    if (fault?.kind === 'hugeBody') {
      await sendHugeBody(res, fault, entry);
      return;
    }

    const segments = url.pathname.split('/').filter((s) => s !== '');
    const version = segments.shift();
    let answer: Answer;
    if (version !== 'v2' && version !== 'v3') {
      answer = {
        status: 404,
        body: '<html><body>Not Found</body></html>',
        headers: { 'Content-Type': 'text/html' },
      };
    } else if (req.method !== 'GET') {
      answer = apiError('Only GET is supported by this fake');
    } else if (!tokens.has(query.get('access_token') ?? '')) {
      answer = apiError('Invalid access token');
    } else if (fault?.kind === 'stuckPage') {
      // A proxy that ignores the offset: the same page comes back whatever was asked.
      const stuck = new URLSearchParams(query);
      stuck.set('start', String(fault.stuckAt ?? 0));
      answer = route(segments, stuck, version);
    } else {
      answer = route(segments, query, version);
    }
    if ((fault?.envelope || fault?.rowEdits) && answer.status === 200) {
      answer = { ...answer, body: applyListLies(answer.body, fault) };
    }

    if (fault?.kind === 'truncate') {
      entry.status = answer.status;
      const bytes = Buffer.from(answer.body);
      const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
      if (!fault.chunked) headers['Content-Length'] = bytes.length;
      res.writeHead(answer.status, headers);
      res.write(cut, () => res.destroy());
      return;
    }
    send(res, answer, entry);
  }

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('fake server error');
      } else {
        res.destroy();
      }
    });
  });
  // Longer than undici's 4 s idle keep-alive, so the client closes idle connections first.
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const emailingFor = (id: number): FakeEmailing => {
    const emailing = emailings.get(id);
    if (!emailing) throw new RangeError(`the fake has no emailing ${id}`);
    return emailing;
  };

  const fake: FakeCopernica = {
    url: `http://127.0.0.1:${port}/v2`,
    port,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    resetStats() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    appendClicks(emailingId, n, opts) {
      emailingFor(emailingId).append(n, opts?.timestamp);
    },
    clicksOf(emailingId) {
      const emailing = emailingFor(emailingId);
      const rows: RawClick[] = [];
      for (let k = 0; k < emailing.count; k++) rows.push(JSON.parse(emailing.rowJson(k, format)) as RawClick);
      return rows;
    },
    clickCount(emailingId) {
      return emailingFor(emailingId).count;
    },
    inject(fault) {
      faults.inject(fault);
    },
    clearFaults() {
      faults.clear();
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
