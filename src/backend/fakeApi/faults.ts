/**
 * Faults the fake can inject, modelled on what people saw from the live API: load-balancer
 * 502/503/504 pages in HTML, dropped connections, "Empty reply" on large answers, slow answers.
 * Faults queue up and are consumed by the requests whose path they match.
 */

export type FaultKind =
  'html503' | 'html504' | 'html502' | 'reset' | 'truncate' | 'slow' | 'status429' | 'json400';

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
  /** truncate: cut a chunked body instead of one with a Content-Length. */
  chunked?: boolean;
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
