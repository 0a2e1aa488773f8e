/**
 * Marketing Suite's statistics call (`ms/emailing/$id/statistics`, with `retries`): the client
 * hands the bare object to the key figures' parser, through the same retries as every call, on
 * v2 and on v4's `draganddrop/` path.
 */
import { afterEach, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';

let fake: FakeCopernica | undefined;
afterEach(() => fake?.close());

const instantSleep = (): Promise<void> => Promise.resolve();
const asObject = (body: unknown) => body as Record<string, unknown>;

it('reads ms/emailing/$id/statistics, retries included, through faults, with the time bounds', async () => {
  fake = await createFakeCopernica({
    tokens: ['stats-token'],
    msEmailings: [{ id: 42, clicks: 500, destinations: 10_000 }],
  });
  fake.inject({ kind: 'html503', path: /statistics/ });
  fake.inject({ kind: 'reset', path: /statistics/ });
  const client = new CopernicaClient({ baseUrl: fake.url, token: 'stats-token', sleep: instantSleep });
  const body = asObject(
    await client.statistics('ms', 42, asObject, { begintime: '2025-01-01 00:00:00', endtime: '2025-02-01' }),
  );
  expect(body).toMatchObject({
    destinations: '10000',
    clicks: { total: 500 },
    retries: { total: expect.any(Number), unique: expect.any(Number) },
  });
  const asked = fake.requests.filter((r) => r.path === '/v2/ms/emailing/42/statistics');
  expect(asked.map((r) => r.status)).toEqual([503, 0, 200]);
  expect(asked.at(-1)?.query.get('begintime')).toBe('2025-01-01 00:00:00');
  expect(asked.at(-1)?.query.get('endtime')).toBe('2025-02-01 00:00:00');
  await expect(client.statistics('ms', 42, asObject, { endtime: 'yesterday' })).rejects.toMatchObject({
    code: 'invalid_input',
  });
});

it('asks draganddrop/emailing/$id/statistics under v4', async () => {
  fake = await createFakeCopernica({ tokens: ['stats-token'], msEmailings: [{ id: 42, clicks: 5 }] });
  const client = new CopernicaClient({
    baseUrl: fake.url.replace(/\/v2$/, '/v4'),
    authUrl: fake.authUrl,
    token: 'stats-token',
    sleep: instantSleep,
  });
  await expect(client.statistics('ms', 42, asObject)).resolves.toMatchObject({ clicks: { total: 5 } });
  expect(fake.requests.map((r) => r.path)).toEqual([
    '/authenticate',
    '/v4/draganddrop/emailing/42/statistics',
  ]);
});
