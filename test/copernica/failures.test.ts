import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import type { FaultKind } from '../../src/backend/fakeApi/faults';
import { TOKEN, appErrorOf, assertNoToken, clientFor, fakeServer } from './harness';

const clicksPath = /\/clicks$/;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('CopernicaClient permanent errors', () => {
  it('maps a bad token to invalid_token with the API message, without retrying', async () => {
    const fake = await fakeServer();
    const { client, sleeps } = clientFor(fake, { token: `${TOKEN}-wrong` });
    const error = await appErrorOf(client.clicksPage(1001, { start: 0 }));
    expect(error.code).toBe('invalid_token');
    expect(error.message).toContain('Invalid access token');
    expect(error.message).not.toContain(`${TOKEN}-wrong`);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('maps "No entity with supplied ID" and its variants to not_found', async () => {
    const fake = await fakeServer();
    const { client } = clientFor(fake);
    const unknownEmailing = await appErrorOf(client.clicksPage(424242, { start: 0 }));
    expect(unknownEmailing.code).toBe('not_found');
    expect(unknownEmailing.message).toContain('No entity with supplied ID');
    expect((await appErrorOf(client.emailing(424242))).code).toBe('not_found');
    expect((await appErrorOf(client.profile(12))).code).toBe('not_found');
    expect((await appErrorOf(client.subprofile(12))).code).toBe('not_found');
    expect(fake.requests).toHaveLength(4);
  });

  it('maps other 400 messages to api_error with the API message, and 401/403/404 by status', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'json400', message: 'Invalid value for parameter limit' });
    const { client } = clientFor(fake);
    const error = await appErrorOf(client.clicksPage(1001, { start: 0 }));
    expect(error).toMatchObject({ code: 'api_error' });
    expect(error.message).toContain('Invalid value for parameter limit');

    for (const [status, code] of [
      [401, 'invalid_token'],
      [403, 'invalid_token'],
      [404, 'not_found'],
      [405, 'api_error'],
    ] as const) {
      const c = new CopernicaClient({
        token: TOKEN,
        fetch: async () => new Response('<html>no</html>', { status }),
      });
      expect((await appErrorOf(c.identity())).code).toBe(code);
    }
  });

  it('redacts the token when the API echoes it back in a message', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'json400', message: `Token ${TOKEN} is not valid here` });
    const error = await appErrorOf(clientFor(fake).client.identity());
    expect(error.message).toContain('Token *** is not valid here');
  });
});

describe('CopernicaClient retries', () => {
  const recoverable: FaultKind[] = ['html503', 'html504', 'html502', 'reset', 'truncate'];
  for (const kind of recoverable) {
    it(`recovers from ${kind} by retrying with backoff`, async () => {
      const fake = await fakeServer({ emailings: [{ id: 5, clicks: 1500 }] });
      fake.inject({ kind, times: 2, path: clicksPath });
      const retries: string[] = [];
      const { client, sleeps } = clientFor(fake, { onRetry: (info) => retries.push(info.reason) });
      const page = await client.clicksPage(5, { start: 0 });
      expect(page.count).toBe(1000);
      expect(page.data.map((c) => c.id)).toEqual(
        fake
          .clicksOf(5)
          .slice(0, 1000)
          .map((c) => Number(c.ID)),
      );
      // Full jitter with random() = 0.5: 0.5 * 500 * 2^n.
      expect(sleeps).toEqual([250, 500]);
      expect(retries).toHaveLength(2);
      for (const reason of retries) expect(reason).not.toContain(TOKEN);
    });
  }

  it('recovers from a chunked body cut off midway', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'truncate', chunked: true, path: clicksPath });
    const { client, sleeps } = clientFor(fake);
    expect((await client.clicksPage(1001, { start: 0 })).count).toBe(1000);
    expect(sleeps).toHaveLength(1);
  });

  it('honours Retry-After on 429 and on a 503, in seconds or as an HTTP date, clamped', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'status429', retryAfter: '7' });
    fake.inject({ kind: 'html503', retryAfter: '3' });
    fake.inject({ kind: 'status429', retryAfter: '86400' });
    fake.inject({ kind: 'status429', retryAfter: new Date(Date.now() + 60_000).toUTCString() });
    const reasons: string[] = [];
    const { client, sleeps } = clientFor(fake, {
      maxRetryAfterMs: 120_000,
      onRetry: (info) => reasons.push(info.reason),
    });
    expect((await client.identity()).id).toBe(34);
    expect(sleeps.slice(0, 3)).toEqual([7000, 3000, 120_000]);
    expect(sleeps[3]).toBeGreaterThan(55_000);
    expect(sleeps[3]).toBeLessThanOrEqual(60_000);
    expect(reasons[0]).toBe('429 Too Many Requests');
    expect(reasons[1]).toBe('503 Service Unavailable (an HTML error page)');
  });

  it('times out a slow answer, then succeeds on the next attempt', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'slow', delayMs: 3000 });
    const { client, sleeps } = clientFor(fake, { timeoutMs: 200 });
    const started = Date.now();
    expect((await client.identity()).id).toBe(34);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up after maxAttempts with server_unavailable naming the status', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'html503', times: 10 });
    const { client, sleeps } = clientFor(fake);
    const error = await appErrorOf(client.clicksPage(1001, { start: 0 }));
    expect(error.code).toBe('server_unavailable');
    expect(error.message).toBe(
      'Copernica answered 503 Service Unavailable (an HTML error page) for publisher/emailing/1001/clicks, 6 times; try again later.',
    );
    expect(fake.requests).toHaveLength(6);
    expect(sleeps).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('caps the backoff at backoffCapMs', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'status429', times: 10, retryAfter: '' });
    const { client, sleeps } = clientFor(fake, { maxAttempts: 8, random: () => 1, backoffCapMs: 5000 });
    expect((await appErrorOf(client.identity())).code).toBe('server_unavailable');
    expect(sleeps).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('ends with the code of the last failure: timeout, bad_response, unreachable', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'slow', delayMs: 2000, times: 3 });
    const slow = await appErrorOf(clientFor(fake, { timeoutMs: 100, maxAttempts: 3 }).client.identity());
    expect(slow.code).toBe('timeout');
    expect(slow.message).toContain(`127.0.0.1:${fake.port} did not answer identity within 0.1 s, 3 times`);

    fake.inject({ kind: 'truncate', times: 3 });
    const cut = await appErrorOf(clientFor(fake, { maxAttempts: 3 }).client.identity());
    expect(cut.code).toBe('bad_response');
    expect(cut.message).toContain('cut off');

    fake.inject({ kind: 'reset', times: 3 });
    const reset = await appErrorOf(clientFor(fake, { maxAttempts: 3 }).client.identity());
    expect(reset.code).toBe('unreachable');
    expect(reset.message).toContain(`127.0.0.1:${fake.port}`);
  });

  it('reports an unreachable host by name, never the URL', async () => {
    const port = await closedPort();
    const client = new CopernicaClient({
      baseUrl: `http://127.0.0.1:${port}/v2`,
      token: TOKEN,
      sleep: async () => {},
    });
    const error = await appErrorOf(client.clicksPage(1, { start: 0 }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(
      `Could not reach 127.0.0.1:${port} (connection refused), 6 times; check the network connection.`,
    );
    expect(error.message).not.toContain('access_token');
  });

  it('treats an HTML page on 200 as bad_response after retrying', async () => {
    let calls = 0;
    const client = new CopernicaClient({
      token: TOKEN,
      sleep: async () => {},
      fetch: async () => {
        calls++;
        return new Response('<html><title>Loadbalancer Error</title></html>', {
          headers: { 'Content-Type': 'text/html' },
        });
      },
    });
    const error = await appErrorOf(client.clicksPage(3, { start: 0 }));
    expect(error.code).toBe('bad_response');
    expect(error.message).toBe(
      'Copernica answered publisher/emailing/3/clicks with an HTML page instead of JSON, 6 times.',
    );
    expect(calls).toBe(6);
  });

  it('never lets the token reach a message, stack or cause, whatever fails', async () => {
    const fake = await fakeServer();
    const kinds: FaultKind[] = [
      'html503',
      'html502',
      'html504',
      'reset',
      'truncate',
      'status429',
      'json400',
      'slow',
    ];
    for (const kind of kinds) {
      fake.inject({ kind, times: 3, delayMs: 500, retryAfter: '1', message: `bad ${TOKEN}` });
      const logged: string[] = [];
      const { client } = clientFor(fake, {
        maxAttempts: 3,
        timeoutMs: 100,
        onRetry: (info) => logged.push(JSON.stringify(info)),
      });
      const error = await appErrorOf(client.clicksPage(1001, { start: 0 }));
      assertNoToken(error);
      expect(logged.join('\n')).not.toContain(TOKEN);
      fake.clearFaults();
    }
    const thrower = new CopernicaClient({
      token: TOKEN,
      maxAttempts: 2,
      sleep: async () => {},
      fetch: async (url) => {
        throw new TypeError(`fetch failed for ${String(url)}`, {
          cause: Object.assign(new Error(`socket hang up ${String(url)}`), { code: `E_${TOKEN}` }),
        });
      },
    });
    assertNoToken(await appErrorOf(thrower.identity()));
  });
});

describe('CopernicaClient cancellation', () => {
  it('cancels a request in flight at once', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'slow', delayMs: 5000 });
    const { client } = clientFor(fake);
    const controller = new AbortController();
    const started = Date.now();
    const pending = appErrorOf(client.identity(controller.signal));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cancels during a backoff sleep, with the real sleep', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'html503', times: 5 });
    const controller = new AbortController();
    const client = new CopernicaClient({
      baseUrl: fake.url,
      token: TOKEN,
      backoffBaseMs: 60_000,
      random: () => 1,
      onRetry: () => setTimeout(() => controller.abort(), 20),
    });
    const started = Date.now();
    const error = await appErrorOf(client.identity(controller.signal));
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const fake = await fakeServer();
    const { client } = clientFor(fake);
    const error = await appErrorOf(client.identity(AbortSignal.abort()));
    expect(error.code).toBe('cancelled');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('CopernicaClient concurrency', () => {
  it('never has more than `concurrency` requests in flight, across methods', async () => {
    for (const concurrency of [1, 2, 3]) {
      const fake = await fakeServer({ latencyMs: 20 });
      const { client } = clientFor(fake, { concurrency });
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 12; i++) {
        calls.push(client.clicksPage(1001, { start: i * 100, limit: 100 }));
        calls.push(client.identity());
      }
      await Promise.all(calls);
      expect(fake.requests).toHaveLength(24);
      expect(fake.maxInFlight).toBe(concurrency);
    }
  });
});
