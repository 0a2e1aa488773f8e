import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeCopernica,
  type FakeCopernica,
  type FakeCopernicaOptions,
} from '../../src/backend/fakeApi/server';

const TOKEN = 'fake-test-token';
const open: FakeCopernica[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

async function start(options: FakeCopernicaOptions = {}): Promise<FakeCopernica> {
  const fake = await createFakeCopernica({ tokens: [TOKEN], ...options });
  open.push(fake);
  return fake;
}

// A parsed answer; the assertions are its validation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

async function get(
  fake: FakeCopernica,
  path: string,
  query = '',
): Promise<{ status: number; body: Body; text: string; headers: Headers }> {
  const res = await fetch(`${fake.url}/${path}?access_token=${TOKEN}${query}`);
  const text = await res.text();
  let body: Body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an HTML fault page): the test looks at `text`.
  }
  return { status: res.status, body, text, headers: res.headers };
}

function clicksQuery(filters: string[], extra = '&limit=1000'): string {
  return extra + filters.map((f) => `&fields[]=${encodeURIComponent(f)}`).join('');
}

describe('fake Copernica: envelopes and paging', () => {
  it('wraps lists in {start,limit,count,total,data} with numbers in the envelope and strings in rows', async () => {
    const fake = await start({ emailings: [{ id: 7, clicks: 250 }] });
    const { status, body, headers } = await get(fake, 'publisher/emailing/7/clicks');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json');
    expect(Object.keys(body)).toEqual(['start', 'limit', 'count', 'total', 'data']);
    expect(body).toMatchObject({ start: 0, limit: 100, count: 100, total: 250 });
    const row = body.data[0];
    expect(Object.keys(row)).toEqual([
      'ID',
      'link_id',
      'link',
      'link_title',
      'timestamp',
      'ip',
      'useragent',
      'referer',
      'emailing',
      'destination',
      'profile',
      'subprofile',
    ]);
    expect(row.ID).toMatch(/^\d+$/);
    expect(row.emailing).toBe('7');
    expect(row.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('caps limit at 1000, pages by offset in ascending ID order, and ends with an empty page', async () => {
    const fake = await start({ emailings: [{ id: 7, clicks: 2100 }] });
    const big = await get(fake, 'publisher/emailing/7/clicks', '&limit=5000');
    expect(big.body).toMatchObject({ limit: 1000, count: 1000, total: 2100 });
    const last = await get(fake, 'publisher/emailing/7/clicks', '&start=2000&limit=1000');
    expect(last.body).toMatchObject({ start: 2000, count: 100 });
    const past = await get(fake, 'publisher/emailing/7/clicks', '&start=2100&limit=1000');
    expect(past.body).toMatchObject({ count: 0, data: [] });
    const ids = [...big.body.data, ...last.body.data].map((r: { ID: string }) => Number(r.ID));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('includes total unless total=false, 0 or no', async () => {
    const fake = await start();
    for (const value of ['false', '0', 'no', 'FALSE']) {
      const { body } = await get(fake, 'publisher/emailing/1001/clicks', `&limit=1&total=${value}`);
      expect(body).not.toHaveProperty('total');
      expect(body.count).toBe(1);
    }
    for (const value of ['true', '1', 'yes']) {
      expect((await get(fake, 'publisher/emailing/1001/clicks', `&limit=1&total=${value}`)).body.total).toBe(
        2500,
      );
    }
  });

  it('answers a negative start or limit with count 0, echoing them', async () => {
    const fake = await start();
    const a = await get(fake, 'publisher/emailing/1001/clicks', '&start=-1&limit=10');
    expect(a.body).toMatchObject({ start: -1, limit: 10, count: 0, data: [] });
    const b = await get(fake, 'publisher/emailings', '&limit=-5');
    expect(b.body).toMatchObject({ start: 0, limit: -5, count: 0, data: [] });
  });

  it('serves v3 like v2 and tolerates trailing slashes', async () => {
    const fake = await start();
    const v3 = await fetch(
      `${fake.url.replace('/v2', '/v3')}/publisher/emailing/1001/clicks/?access_token=${TOKEN}`,
    );
    expect(((await v3.json()) as { count: number }).count).toBe(100);
    expect((await get(fake, 'identity/')).body.name).toBe('Development');
  });

  it('emits numbers as numbers and the old user-agent key when asked', async () => {
    const fake = await start({ numbersAsStrings: false, userAgentKey: 'user-agent' });
    const row = (await get(fake, 'publisher/emailing/1001/clicks', '&limit=1')).body.data[0];
    expect(typeof row.ID).toBe('number');
    expect(row).toHaveProperty('user-agent');
    expect(row).not.toHaveProperty('useragent');
  });
});

describe('fake Copernica: fields[] filters', () => {
  it('filters timestamps with every operator, like a scan of all rows would', async () => {
    const fake = await start({ emailings: [{ id: 7, clicks: 900 }] });
    const rows = fake.clicksOf(7);
    const pivot = rows[450]!.timestamp as string;
    const day = pivot.slice(0, 10);
    const cases: Array<[string, (t: string) => boolean]> = [
      [`timestamp>=${pivot}`, (t) => t >= pivot],
      [`timestamp>${pivot}`, (t) => t > pivot],
      [`timestamp<${pivot}`, (t) => t < pivot],
      [`timestamp<=${pivot}`, (t) => t <= pivot],
      [`timestamp==${pivot}`, (t) => t === pivot],
      [`timestamp!=${pivot}`, (t) => t !== pivot],
      [`timestamp<>${pivot}`, (t) => t !== pivot],
      [`TimeStamp>=${pivot}`, (t) => t >= pivot],
      [`timestamp>${day}`, (t) => t > day],
      [`timestamp=~${pivot.slice(0, 15)}%`, (t) => t.startsWith(pivot.slice(0, 15))],
      [`timestamp!~${pivot.slice(0, 15)}%`, (t) => !t.startsWith(pivot.slice(0, 15))],
      [`timestamp=~${pivot.slice(0, 18)}_`, (t) => t.startsWith(pivot.slice(0, 18))],
    ];
    for (const [filter, keep] of cases) {
      const { body } = await get(fake, 'publisher/emailing/7/clicks', clicksQuery([filter]));
      const expected = rows.filter((r) => keep(r.timestamp as string)).map((r) => r.ID);
      expect(body.total, filter).toBe(expected.length);
      expect(
        body.data.map((r: { ID: string }) => r.ID),
        filter,
      ).toEqual(expected.slice(0, 1000));
    }
  });

  it('filters on id, ANDs conditions, accepts fields[0]= and ignores unknown fields and bad expressions', async () => {
    const fake = await start({ emailings: [{ id: 7, clicks: 500 }] });
    const rows = fake.clicksOf(7);
    const id = Number(rows[100]!.ID);
    const ts = rows[300]!.timestamp as string;
    const { body } = await get(
      fake,
      'publisher/emailing/7/clicks',
      clicksQuery([`id>${id}`, `timestamp<${ts}`, 'country==nl', 'timestamp >2000-01-01']),
    );
    const expected = rows.filter((r) => Number(r.ID) > id && (r.timestamp as string) < ts);
    expect(body.total).toBe(expected.length);
    expect(body.data.map((r: { ID: string }) => r.ID)).toEqual(expected.map((r) => r.ID));
    const indexed = await get(
      fake,
      'publisher/emailing/7/clicks',
      `&fields%5B0%5D=${encodeURIComponent(`id<=${id}`)}`,
    );
    expect(indexed.body.total).toBe(101);
  });
});

describe('fake Copernica: errors', () => {
  it('answers 400 Invalid access token for a wrong or missing token', async () => {
    const fake = await start();
    for (const query of ['?access_token=nope', '']) {
      const res = await fetch(`${fake.url}/identity${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message: 'Invalid access token' } });
    }
  });

  it('answers 400 No entity with supplied ID for unknown emailings and profiles', async () => {
    const fake = await start();
    for (const path of [
      'publisher/emailing/99',
      'publisher/emailing/99/clicks',
      'publisher/emailing/x',
      'profile/5',
    ]) {
      const { status, body } = await get(fake, path);
      expect(status, path).toBe(400);
      expect(body, path).toEqual({ error: { message: 'No entity with supplied ID' } });
    }
  });
});

describe('fake Copernica: other resources', () => {
  it('serves identity, the emailing list, one emailing, profiles and subprofiles in the documented shapes', async () => {
    const fake = await start();
    expect((await get(fake, 'identity')).body).toEqual({
      id: '34',
      name: 'Development',
      description: 'This is an account to test with',
      company: 'Copernica BV',
      customer: { id: '3871', name: 'Copernica BV', isPartner: false },
      usedBy: [],
      license: { id: '5679', isTrial: false },
    });
    const list = (await get(fake, 'publisher/emailings')).body;
    expect(list).toMatchObject({ start: 0, count: 3, total: 3 });
    expect(list.data[0]).toMatchObject({
      id: '1001',
      clicks: '2500',
      errors: expect.any(String),
      testgroups: 0,
    });
    const one = (await get(fake, 'publisher/emailing/1002')).body;
    expect(one).toMatchObject({ id: '1002', clicks: '120', contenttype: 'html' });
    expect(one).not.toHaveProperty('errors');
    const profile = (await get(fake, 'profile/1000003')).body;
    expect(Object.keys(profile)).toEqual([
      'ID',
      'fields',
      'interests',
      'database',
      'secret',
      'created',
      'modified',
      'removed',
    ]);
    expect(profile.removed).toBe(false);
    const sub = (await get(fake, 'subprofile/5000004')).body;
    expect(sub).toMatchObject({ ID: '5000004', profile: '1000006', collection: '6312', removed: false });
  });
});

describe('fake Copernica: faults', () => {
  it('serves HTML load-balancer pages with Retry-After, 429s and JSON 400s, only for matching paths', async () => {
    const fake = await start();
    fake.inject({ kind: 'html503', retryAfter: '5', path: /clicks/ });
    fake.inject({ kind: 'html502' });
    const identity = await get(fake, 'identity');
    expect(identity.status).toBe(502);
    expect(identity.text).toContain('<title>Loadbalancer Error</title>');
    const clicks = await get(fake, 'publisher/emailing/1001/clicks');
    expect(clicks.status).toBe(503);
    expect(clicks.headers.get('retry-after')).toBe('5');
    expect(clicks.headers.get('content-type')).toContain('text/html');
    expect(clicks.text).toContain('too many requests to handle');
    fake.inject({ kind: 'html504', times: 2 });
    expect((await get(fake, 'identity')).status).toBe(504);
    expect((await get(fake, 'identity')).status).toBe(504);
    expect((await get(fake, 'identity')).status).toBe(200);
    fake.inject({ kind: 'status429', retryAfter: '9' });
    const limited = await get(fake, 'identity');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '9']);
    fake.inject({ kind: 'json400', message: 'Nope' });
    expect((await get(fake, 'identity')).body).toEqual({ error: { message: 'Nope' } });
    expect(fake.requests.map((r) => r.status)).toEqual([502, 503, 504, 504, 200, 429, 400]);
  });

  it('resets the connection, truncates the body, or answers slowly', async () => {
    const fake = await start();
    fake.inject({ kind: 'reset' });
    await expect(fetch(`${fake.url}/identity?access_token=${TOKEN}`)).rejects.toThrow(TypeError);
    fake.inject({ kind: 'truncate' });
    const cut = await fetch(`${fake.url}/publisher/emailing/1001/clicks?access_token=${TOKEN}`);
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow();
    fake.inject({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await get(fake, 'identity')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('fake Copernica: lies', () => {
  it('sends a false envelope, a page stuck at one offset, and edited rows, only where asked', async () => {
    const fake = await start();
    fake.inject({ kind: 'envelope', envelope: { total: 999_999, count: -4 }, path: /clicks$/ });
    const lying = await get(fake, 'publisher/emailing/1001/clicks', '&limit=10');
    expect(lying.body).toMatchObject({ start: 0, limit: 10, count: -4, total: 999_999 });
    expect(lying.body.data).toHaveLength(10);

    const honest = await get(fake, 'publisher/emailing/1001/clicks', '&start=20&limit=5');
    fake.inject({ kind: 'stuckPage', stuckAt: 20, path: /clicks$/ });
    const stuck = await get(fake, 'publisher/emailing/1001/clicks', '&start=500&limit=5');
    expect(stuck.body.data).toEqual(honest.body.data);

    fake.inject({
      kind: 'rows',
      path: /clicks$/,
      rowEdits: [
        { row: 1, fields: { ID: '0', timestamp: null } },
        { row: 99, fields: { ID: '1' } },
      ],
    });
    const edited = await get(fake, 'publisher/emailing/1001/clicks', '&limit=3');
    expect(edited.body.data[1]).toMatchObject({ ID: '0', timestamp: null });
    expect(edited.body.data[0].ID).not.toBe('0');
    expect(edited.body.count).toBe(3);
    expect((await get(fake, 'identity')).body.name).toBe('Development');
  });

  it('streams a huge body of valid JSON, with or without a Content-Length', async () => {
    const fake = await start();
    fake.inject({ kind: 'hugeBody', bytes: 3_000_000 });
    const sized = await fetch(`${fake.url}/identity?access_token=${TOKEN}`);
    expect(sized.headers.get('content-length')).toBe('3000000');
    const text = await sized.text();
    expect(text).toHaveLength(3_000_000);
    expect(JSON.parse(text)).toMatchObject({ count: 0, data: [] });
    fake.inject({ kind: 'hugeBody', bytes: 2_500_000, chunked: true });
    const chunked = await fetch(`${fake.url}/identity?access_token=${TOKEN}`);
    expect(chunked.headers.get('content-length')).toBeNull();
    expect((await chunked.text()).length).toBe(2_500_000);
  });
});

describe('fake Copernica: data', () => {
  it('appends clicks with higher IDs, at the last timestamp or a given one', async () => {
    const fake = await start({ emailings: [{ id: 7, clicks: 50 }] });
    const before = fake.clicksOf(7);
    const last = before.at(-1)!;
    fake.appendClicks(7, 3, { timestamp: last.timestamp as string });
    fake.appendClicks(7, 2);
    expect(fake.clickCount(7)).toBe(55);
    const after = fake.clicksOf(7);
    expect(after.slice(0, 50)).toEqual(before);
    const added = after.slice(50);
    expect(added.map((r) => r.timestamp).slice(0, 3)).toEqual([
      last.timestamp,
      last.timestamp,
      last.timestamp,
    ]);
    expect(added[3]!.timestamp! > last.timestamp!).toBe(true);
    const ids = after.map((r) => Number(r.ID));
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
    const { body } = await get(
      fake,
      'publisher/emailing/7/clicks',
      clicksQuery([`timestamp>=${last.timestamp}`]),
    );
    expect(body.data.map((r: { ID: string }) => r.ID)).toEqual(
      after.filter((r) => r.timestamp! >= last.timestamp!).map((r) => r.ID),
    );
    expect((await get(fake, 'publisher/emailing/7')).body.clicks).toBe('55');
  });

  it('still filters correctly after a click is appended with an earlier timestamp', async () => {
    const fake = await start({ emailings: [{ id: 7, clicks: 50 }] });
    const early = fake.clicksOf(7)[10]!.timestamp as string;
    fake.appendClicks(7, 1, { timestamp: early });
    const { body } = await get(fake, 'publisher/emailing/7/clicks', clicksQuery([`timestamp<=${early}`]));
    const expected = fake.clicksOf(7).filter((r) => (r.timestamp as string) <= early);
    expect(body.data.map((r: { ID: string }) => r.ID)).toEqual(expected.map((r) => r.ID));
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const a = await start({ seed: 42, emailings: [{ id: 7, clicks: 300 }] });
    const b = await start({ seed: 42, emailings: [{ id: 7, clicks: 300 }] });
    const c = await start({ seed: 43, emailings: [{ id: 7, clicks: 300 }] });
    expect((await get(a, 'publisher/emailing/7/clicks', '&limit=300')).text).toBe(
      (await get(b, 'publisher/emailing/7/clicks', '&limit=300')).text,
    );
    expect(a.clicksOf(7)).not.toEqual(c.clicksOf(7));
  });

  it('keeps a request log and counts requests in flight', async () => {
    const fake = await start({ latencyMs: 30 });
    const seen: string[] = [];
    fake.onRequest = (info) => seen.push(`${info.number} ${info.path}`);
    await Promise.all([get(fake, 'identity'), get(fake, 'identity'), get(fake, 'identity')]);
    expect(seen).toHaveLength(3);
    expect(fake.maxInFlight).toBe(3);
    expect(fake.inFlight).toBe(0);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v2/identity', status: 200 });
    fake.resetStats();
    expect(fake.requests).toHaveLength(0);
  });
});
