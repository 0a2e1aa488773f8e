/**
 * REST v4: the access token is exchanged for a JWT at the authentication endpoint and travels in
 * no URL; the JWT is reused, renewed before its expiry and after a 401; the paths are v4's
 * (html/, draganddrop/), with the older spelling tried once after a 404 and kept.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CopernicaClient, type CopernicaClientOptions } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import {
  createFakeCopernica,
  type FakeCopernica,
  type FakeCopernicaOptions,
} from '../../src/backend/fakeApi/server';
import type { EmailingRef } from '../../src/backend/sync/runSync';
import { cachedClicks, serverClicks } from '../helpers/cacheContents';
import { msServerClicks, productEmailingKey } from '../helpers/productContents';
import { jwtExpiry, readJwtAnswer } from '../../src/backend/copernica/jwtSession';
import { closeFakeAndCache, instantSleep, planAndRunSync } from '../helpers/syncFixture';

const TOKEN = 'v4-access-token-8c1e';
const V4_ONLY = 'v4-only-token-77aa';
let fake: FakeCopernica;
let db: Database.Database;

async function start(options: FakeCopernicaOptions = {}): Promise<void> {
  fake = await createFakeCopernica({
    tokens: [TOKEN],
    v4OnlyTokens: [V4_ONLY],
    emailings: [{ id: 1001, subject: 'Publisher', clicks: 2500 }],
    msEmailings: [{ id: 1001, subject: 'Marketing Suite', clicks: 3300 }],
    ...options,
  });
}

beforeEach(() => {
  db = openDatabase(':memory:');
});

afterEach(() => closeFakeAndCache({ fake, db }));

const v4Base = (): string => fake.url.replace(/\/v2$/, '/v4');

function v4Client(options: Partial<CopernicaClientOptions> = {}): CopernicaClient {
  return new CopernicaClient({
    baseUrl: v4Base(),
    authUrl: fake.authUrl,
    token: TOKEN,
    sleep: instantSleep,
    timeoutMs: 2000,
    ...options,
  });
}

const both: EmailingRef[] = [1001, { product: 'ms', id: 1001 }];

const sync = (source: CopernicaClient, refs: EmailingRef[] = both) =>
  planAndRunSync(db, source, v4Base(), refs);

function expectExactCache(): void {
  expect(cachedClicks(db, productEmailingKey(db, 1001, 'publisher'))).toEqual(serverClicks(fake, 1001));
  expect(cachedClicks(db, productEmailingKey(db, 1001, 'ms'))).toEqual(msServerClicks(fake, 1001));
}

const apiRequests = () => fake.requests.filter((r) => r.path.startsWith('/v4/'));
const exchanges = () => fake.requests.filter((r) => r.path === '/authenticate');

describe('REST v4', () => {
  it('syncs both products with a bearer JWT; no request carries the access token in its URL', async () => {
    await start();
    await sync(v4Client());
    expectExactCache();
    expect(exchanges()).toHaveLength(1);
    expect(exchanges()[0]?.method).toBe('POST');
    const requests = apiRequests();
    expect(requests.map((r) => r.path)).toContain('/v4/html/emailing/1001/clicks');
    expect(requests.map((r) => r.path)).toContain('/v4/draganddrop/emailing/1001/clicks');
    for (const request of fake.requests) {
      const url = `${request.path}?${request.query.toString()}`;
      expect(url).not.toContain(TOKEN);
      expect(url).not.toContain(encodeURIComponent(TOKEN));
      expect(request.query.has('access_token')).toBe(false);
    }
    expect(requests.every((r) => /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(r.authorization ?? ''))).toBe(true);
  });

  it('reuses the JWT until shortly before its exp, then fetches a new one before the next request', async () => {
    await start({ jwtLifetimeSeconds: 3600 });
    let now = Date.now();
    const client = v4Client({ now: () => now, jwtRenewBeforeMs: 5 * 60_000 });
    await client.identity();
    await client.emailing(1001);
    expect(exchanges()).toHaveLength(1);
    now += 54 * 60_000;
    await client.emailing(1001);
    expect(exchanges()).toHaveLength(1);
    now += 2 * 60_000; // 56 minutes in: within five minutes of the expiry
    await client.emailing(1001);
    expect(exchanges()).toHaveLength(2);
    expect(apiRequests().every((r) => r.status === 200)).toBe(true);
  });

  it('survives a JWT that lapses mid-sync and one that is revoked mid-sync, and ends with exactly the server set', async () => {
    await start();
    let lapsed = false;
    let revoked = false;
    fake.onRequest = (info) => {
      if (!lapsed && info.path.includes('/html/emailing/1001/clicks') && info.query.get('start') === '1000') {
        lapsed = true;
        fake.advanceJwtClock(25 * 3600_000);
      }
      if (
        !revoked &&
        info.path.includes('/draganddrop/emailing/1001/clicks') &&
        info.query.get('start') === '2000'
      ) {
        revoked = true;
        fake.revokeJwts();
      }
    };
    await sync(v4Client());
    fake.onRequest = undefined;
    expectExactCache();
    expect(apiRequests().filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(2);
    expect(exchanges()).toHaveLength(3);
  });

  it('fails with invalid_token, writing nothing, when the authentication refuses the access token', async () => {
    await start();
    const error = await sync(v4Client({ token: 'revoked-token-1234' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_token' });
    expect(String((error as Error).message)).not.toContain('revoked-token-1234');
    expect(db.prepare('SELECT COUNT(*) AS n FROM emailings').get()).toEqual({ n: 0 });
  });

  it('retries an authentication endpoint that answers 503, and accepts a JWT inside a JSON object', async () => {
    await start({ jwtFormat: 'json' });
    fake.inject({ kind: 'html503', path: /^\/authenticate$/, times: 2 });
    await sync(v4Client(), [{ product: 'ms', id: 1001 }]);
    expect(exchanges().map((r) => r.status)).toEqual([503, 503, 200]);
    expect(cachedClicks(db, productEmailingKey(db, 1001, 'ms'))).toEqual(msServerClicks(fake, 1001));
  });

  it('rides out the faults of v2 on v4 too: HTML 503/504 pages, a reset, a cut-off body and a 429 on draganddrop/', async () => {
    await start();
    for (const kind of ['html503', 'html504', 'reset', 'truncate', 'status429'] as const) {
      fake.inject({
        kind,
        path: /draganddrop\/emailing\/1001\/clicks/,
        retryAfter: kind === 'status429' ? '1' : undefined,
      });
    }
    await sync(v4Client({ maxAttempts: 6 }), [{ product: 'ms', id: 1001 }]);
    const answers = apiRequests()
      .filter((r) => r.path.includes('/draganddrop/emailing/1001/clicks'))
      .map((r) => r.status);
    expect(answers.slice(0, 6)).toEqual([503, 504, 0, 200, 429, 200]);
    expect(cachedClicks(db, productEmailingKey(db, 1001, 'ms'))).toEqual(msServerClicks(fake, 1001));
    expect(exchanges()).toHaveLength(1);
  });

  it('falls back to publisher/ and ms/ once when a v4 server answers 404 to html/ and draganddrop/, and keeps that', async () => {
    await start({ v4Paths: 'legacy' });
    await sync(v4Client());
    expectExactCache();
    const missing = apiRequests()
      .filter((r) => r.status === 404)
      .map((r) => r.path);
    expect(missing).toEqual(['/v4/html/emailing/1001', '/v4/draganddrop/emailing/1001']);
    expect(apiRequests().filter((r) => r.path.includes('/publisher/emailing/1001/clicks')).length).toBe(3);
    expect(apiRequests().filter((r) => r.path.includes('/ms/emailing/1001/clicks')).length).toBe(4);
  });

  it('asks html/ and draganddrop/ only, where the server answers them', async () => {
    await start({ v4Paths: 'current' });
    await sync(v4Client());
    expectExactCache();
    expect(apiRequests().every((r) => r.status === 200)).toBe(true);
  });

  it('a v4-only token tried on v2 gets a message that says to choose v4; on v4 it works', async () => {
    await start();
    const onV2 = new CopernicaClient({ baseUrl: fake.url, token: V4_ONLY, sleep: instantSleep });
    const error = await onV2.identity().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_token', message: expect.stringMatching(/choose v4/) });
    await expect(v4Client({ token: V4_ONLY }).identity()).resolves.toMatchObject({ name: 'Development' });
  });
});

describe('the authentication answer', () => {
  const jwt = (claims: object): string =>
    `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

  it('is read as a bare JWT, a JSON string or a JSON object holding it', () => {
    const token = jwt({ exp: 1_900_000_000 });
    expect(readJwtAnswer(`${token}\n`)).toBe(token);
    expect(readJwtAnswer(JSON.stringify(token))).toBe(token);
    expect(readJwtAnswer(JSON.stringify({ token }))).toBe(token);
    expect(readJwtAnswer(JSON.stringify({ whatever: token }))).toBe(token);
    expect(readJwtAnswer('<html>Bad gateway</html>')).toBeNull();
    expect(readJwtAnswer('{"error":"nope"}')).toBeNull();
  });

  it('gives the expiry from the payload, or none', () => {
    expect(jwtExpiry(jwt({ exp: 1_900_000_000 }))).toBe(1_900_000_000_000);
    expect(jwtExpiry(jwt({ sub: 1 }))).toBeNull();
    expect(jwtExpiry('not.a.jwt')).toBeNull();
  });
});
