/**
 * Faults the fake can inject, modelled on what people saw from the live API: load-balancer
 * 502/503/504 pages in HTML, dropped connections, "Empty reply" on large answers, slow answers.
 * The lies (`envelope`, `stuckPage`, `rows`, `hugeBody`) are what a broken proxy or a buggy
 * server could send: the client must not trust them. Faults queue up and are consumed by the
 * requests whose path they match.
 */

export type FaultKind =
  | 'html503'
  | 'html504'
  | 'html502'
  | 'reset'
  | 'truncate'
  | 'slow'
  | 'status429'
  | 'json400'
  | 'envelope'
  | 'stuckPage'
  | 'rows'
  | 'hugeBody';

/** A value a row field is set to by the `rows` fault (null removes nothing: it sends null). */
export type RowFieldValue = string | number | null;

export interface Fault {
  kind: FaultKind;
  /** How many matching requests it hits, default 1. */
  times?: number;
  /** Which requests (tested against the URL path, e.g. `/v2/publisher/emailing/1/clicks`); default any. */
  path?: RegExp;
  /** `slow`: how long to wait before answering, default 5000. */
  delayMs?: number;
  /** html5xx and status429: a Retry-After header to send (status429 defaults to '1'). */
  retryAfter?: string;
  /** json400: the error message, default 'Invalid request'. */
  message?: string;
  /** truncate: cut a chunked body instead of one with a Content-Length; hugeBody: send no Content-Length. */
  chunked?: boolean;
  /**
   * envelope (or with stuckPage or rows): paging numbers sent instead of the true ones (a lying
   * total, count, start or limit).
   */
  envelope?: { start?: number; limit?: number; count?: number; total?: number };
  /** stuckPage: the list from this offset is served whatever `start` was asked (default 0). */
  stuckAt?: number;
  /** rows (or with envelope or stuckPage): fields set on rows of the page, by place (0 is the first). */
  rowEdits?: { row: number; fields: Record<string, RowFieldValue> }[];
  /** hugeBody: how many bytes of (valid) JSON to send, streamed, never held whole. */
  bytes?: number;
}

export class FaultQueue {
  private readonly queue: Array<{ fault: Fault; left: number }> = [];

  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (times > 0) this.queue.push({ fault, left: times });
  }

  /** The first queued fault for this path, counted as used; null when none applies. */
  take(path: string): Fault | null {
    for (let i = 0; i < this.queue.length; i++) {
      const entry = this.queue[i]!;
      if (entry.fault.path && !entry.fault.path.test(path)) continue;
      entry.left--;
      if (entry.left <= 0) this.queue.splice(i, 1);
      return entry.fault;
    }
    return null;
  }

  clear(): void {
    this.queue.length = 0;
  }

  get pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.left, 0);
  }
}

const reasons: Record<number, string> = {
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The HTML page Copernica's load balancer answers with when it is overloaded. */
export function loadbalancerPage(status: number): string {
  return (
    '<!DOCTYPE html>\n<html><head><title>Loadbalancer Error</title></head>\n<body>\n' +
    `<h1>${status} ${reasons[status] ?? 'Error'}</h1>\n` +
    '<p>The loadbalancer received too many requests to handle. Please try again later.</p>\n' +
    '</body></html>\n'
  );
}

/** A list answer's body with the envelope and row lies of `fault` applied. */
export function applyListLies(body: string, fault: Fault): string {
  const page = JSON.parse(body) as Record<string, unknown>;
  Object.assign(page, fault.envelope);
  if (Array.isArray(page.data)) {
    const rows = page.data as Record<string, RowFieldValue>[];
    for (const { row, fields } of fault.rowEdits ?? []) {
      const target = rows[row];
      if (target) Object.assign(target, fields);
    }
  }
  return JSON.stringify(page);
}

/**
 * A `hugeBody` answer: an empty page whose padding field makes the body `bytes` long (or the
 * least valid page, if `bytes` is smaller), so a client that reads it all gets valid JSON.
 * Generated chunk by chunk, so a test can send 600 MB without holding it.
 */
export function hugeBody(bytes: number): { length: number; chunks: () => Generator<Buffer> } {
  const head = Buffer.from('{"start":0,"limit":1000,"count":0,"data":[],"padding":"');
  const tail = Buffer.from('"}');
  const padding = Math.max(0, bytes - head.length - tail.length);
  return {
    length: head.length + padding + tail.length,
    *chunks() {
      const chunk = Buffer.alloc(Math.min(padding, 1 << 20), 'x');
      yield head;
      for (let left = padding; left > 0; left -= chunk.length) {
        yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      }
      yield tail;
    },
  };
}
