/**
 * Issue 7, point 8: a response body is capped while it arrives. A 100 MB body cost 522 MB of
 * memory, and one over 512 MB threw inside an event listener (V8's longest string) and killed
 * the worker thread.
 */
import { describe, expect, it } from 'vitest';
import { CopernicaClient, DEFAULT_MAX_RESPONSE_BYTES } from '../../src/backend/copernica/client';
import { TOKEN, appErrorOf, clientFor, fakeServer } from './harness';

const MB = 1024 * 1024;

describe('CopernicaClient response size cap', () => {
  it('refuses a 100 MB body by its Content-Length with bad_response, before reading it and without retrying', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'hugeBody', bytes: 100 * MB, path: /clicks$/ });
    const { client } = clientFor(fake);
    const error = await appErrorOf(client.clicksPage(1001, { start: 0 }));
    expect(error.code).toBe('bad_response');
    expect(error.message).toContain(`larger than ${DEFAULT_MAX_RESPONSE_BYTES / MB} MB`);
    expect(error.message).toContain('publisher/emailing/1001/clicks');
    expect(fake.requests).toHaveLength(1);
  });

  it('counts the bytes of a chunked body as they arrive and stops past the cap', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'hugeBody', bytes: 40 * MB, chunked: true, path: /clicks$/ });
    const { client } = clientFor(fake, { maxResponseBytes: 2 * MB });
    const error = await appErrorOf(client.clicksPage(1001, { start: 0 }));
    expect(error).toMatchObject({ code: 'bad_response' });
    expect(error.message).toContain('larger than 2 MB');
    expect(fake.requests).toHaveLength(1);
    // The client still works: the next request gets its answer.
    expect((await client.clicksPage(1001, { start: 0, limit: 5 })).data).toHaveLength(5);
  });

  it('fails a chunked body over 512 MB with bad_response instead of throwing in an event listener', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'hugeBody', bytes: 600 * MB, chunked: true, path: /clicks$/ });
    const { client } = clientFor(fake);
    const error = await appErrorOf(client.clicksPage(1001, { start: 0 }));
    expect(error.code).toBe('bad_response');
  }, 60_000);

  it('caps a fetch-shaped getter too: by Content-Length, and by what it read', async () => {
    const fake = await fakeServer();
    fake.inject({ kind: 'hugeBody', bytes: 100 * MB, path: /clicks$/ });
    const viaFetch = clientFor(fake, { fetch }).client;
    expect((await appErrorOf(viaFetch.clicksPage(1001, { start: 0 }))).code).toBe('bad_response');

    const long = JSON.stringify({ data: [], padding: 'x'.repeat(3 * MB) });
    let calls = 0;
    const stub = new CopernicaClient({
      token: TOKEN,
      maxResponseBytes: MB,
      fetch: async () => {
        calls++;
        return new Response(long, { headers: { 'Transfer-Encoding': 'chunked' } });
      },
    });
    expect((await appErrorOf(stub.clicksPage(1, { start: 0 }))).code).toBe('bad_response');
    expect(calls).toBe(1);
  });
});
