import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/backend/copernica/limiter';
import { backoffDelay, parseRetryAfter, sleep } from '../../src/backend/copernica/retry';

describe('backoff and Retry-After', () => {
  it('uses full jitter over an exponential, capped window', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, 500, 30_000, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(10, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(0);
  });

  it('reads seconds and HTTP dates, clamps, and ignores rubbish', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('120', 300_000, now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:30 GMT', 300_000, now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', 300_000, now)).toBe(0);
    expect(parseRetryAfter('3600', 300_000, now)).toBe(300_000);
    expect(parseRetryAfter(null, 300_000, now)).toBeNull();
    expect(parseRetryAfter('soon', 300_000, now)).toBeNull();
  });

  it('sleeps until aborted, then rejects with cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(sleep(60_000, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('Limiter', () => {
  it('runs at most max tasks at once, in order, and lets a waiting task be cancelled', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(n);
      running--;
    };
    const controller = new AbortController();
    const cancelled = limiter.run(task(99), controller.signal);
    const all = [1, 2, 3, 4, 5].map((n) => limiter.run(task(n)));
    controller.abort();
    await expect(cancelled).resolves.toBeUndefined();
    const queued = new Limiter(1);
    const blocker = queued.run(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const waiting = new AbortController();
    const gaveUp = queued.run(async () => 'ran', waiting.signal);
    waiting.abort();
    await expect(gaveUp).rejects.toMatchObject({ code: 'cancelled' });
    await Promise.all([...all, blocker]);
    expect(most).toBe(2);
    expect(order).toEqual([99, 1, 2, 3, 4, 5]);
  });
});
