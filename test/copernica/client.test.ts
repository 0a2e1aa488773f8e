import { describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { MAX_CLICK_TEXT, TEXT_CUT_MARKER } from '../../src/backend/copernica/parse';
import type { Click } from '../../src/backend/copernica/types';
import { TOKEN, appErrorOf, clientFor, fakeServer } from './harness';

async function allClicks(client: CopernicaClient, emailingId: number, since?: string): Promise<Click[]> {
  const clicks: Click[] = [];
  let start = 0;
  for (;;) {
    const page = await client.clicksPage(emailingId, { start, since: since ?? null });
    clicks.push(...page.data);
    start += page.count;
    if (page.count === 0 || (page.total !== null && start >= page.total)) return clicks;
  }
}

describe('CopernicaClient requests', () => {
  it('pages over a few thousand clicks by start/limit, advancing by count until total', async () => {
    const fake = await fakeServer({ emailings: [{ id: 5, clicks: 3500 }] });
    const { client } = clientFor(fake);
    const first = await client.clicksPage(5, { start: 0 });
    expect(first).toMatchObject({ start: 0, limit: 1000, count: 1000, total: 3500 });
    const clicks = await allClicks(client, 5);
    expect(clicks).toHaveLength(3500);
    expect(new Set(clicks.map((c) => c.id)).size).toBe(3500);
    expect(clicks.map((c) => c.id)).toEqual(fake.clicksOf(5).map((c) => Number(c.ID)));
    const starts = fake.requests.map((r) => r.query.get('start'));
    expect(starts).toEqual(['0', '0', '1000', '2000', '3000']);
    expect(fake.requests.every((r) => r.query.get('limit') === '1000')).toBe(true);
  });

  it('builds the URL from base, path, token and paging; tolerates a trailing slash and v3', async () => {
    const fake = await fakeServer();
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    const v3 = fake.url.replace('/v2', '/v3/');
    const { client } = clientFor(fake, { baseUrl: v3, fetch: spy });
    await client.clicksPage(1001, { start: 2000, limit: 5000, since: '2024-01-01 10:00:00' });
    const base = fake.url.replace('/v2', '/v3');
    expect(urls[0]).toBe(
      `${base}/publisher/emailing/1001/clicks?access_token=${TOKEN}&start=2000&limit=1000` +
        '&fields[]=timestamp%3E%3D2024-01-01%2010%3A00%3A00',
    );
  });

  it('sends "since" as the canonical wall clock, and refuses one that does not exist', async () => {
    const fake = await fakeServer();
    const { client } = clientFor(fake);
    await client.clicksPage(1001, { start: 0, limit: 10, since: '2024-01-01T10:00' });
    expect(fake.requests[0]?.query.get('fields[]')).toBe('timestamp>=2024-01-01 10:00:00');
    const refused = await appErrorOf(client.clicksPage(1001, { start: 0, since: '2025-02-30 10:00:00' }));
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toContain('real date and time');
    expect(fake.requests).toHaveLength(1);
  });

  it('sends total=false when asked, and then gets no total', async () => {
    const fake = await fakeServer();
    const { client } = clientFor(fake);
    const page = await client.clicksPage(1001, { start: 0, limit: 10, total: false });
    expect(page.total).toBeNull();
    expect(page.count).toBe(10);
    expect(fake.requests[0]?.query.get('total')).toBe('false');
    await client.clicksPage(1001, { start: 0, limit: 10 });
    expect(fake.requests[1]?.query.has('total')).toBe(false);
  });

  it('filters with since = timestamp>=, keeping every click of the watermark second', async () => {
    const fake = await fakeServer({ emailings: [{ id: 5, clicks: 3000 }] });
    const { client } = clientFor(fake);
    const everything = await allClicks(client, 5);
    // A second that several clicks share: the watermark of an interrupted refresh.
    const counts = new Map<string, number>();
    for (const c of everything) counts.set(c.timestamp, (counts.get(c.timestamp) ?? 0) + 1);
    const shared = [...counts].filter(([, n]) => n > 2).map(([t]) => t)[3];
    expect(shared).toBeDefined();
    const since = await allClicks(client, 5, shared);
    const expected = everything.filter((c) => c.timestamp >= shared!);
    expect(since.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(since.filter((c) => c.timestamp === shared).length).toBe(counts.get(shared!));

    fake.appendClicks(5, 3, { timestamp: everything.at(-1)!.timestamp });
    const last = everything.at(-1)!.timestamp;
    const fresh = await allClicks(client, 5, last);
    expect(fresh.length).toBe(counts.get(last)! + 3);
  });

  it('normalises string numbers, the user-agent key and nulls', async () => {
    for (const userAgentKey of ['useragent', 'user-agent'] as const) {
      for (const numbersAsStrings of [true, false]) {
        const fake = await fakeServer({
          emailings: [{ id: 9, clicks: 400 }],
          userAgentKey,
          numbersAsStrings,
        });
        const { client } = clientFor(fake);
        const page = await client.clicksPage(9, { start: 0 });
        const raw = fake.clicksOf(9);
        expect(page.data).toHaveLength(400);
        page.data.forEach((click, i) => {
          const r = raw[i]!;
          expect(click.id).toBe(Number(r.ID));
          expect(click.timestamp).toBe(r.timestamp);
          expect(click.userAgent).toBe(r[userAgentKey]);
          expect(click.referer).toBe(r.referer);
          expect(click.subprofile).toBe(r.subprofile === null ? null : Number(r.subprofile));
          expect(typeof click.profile).toBe('number');
          expect(typeof click.linkId).toBe('number');
          expect(click.emailing).toBe(9);
        });
        expect(page.data.some((c) => c.referer === null)).toBe(true);
        expect(page.data.some((c) => c.referer !== null)).toBe(true);
        expect(page.data.some((c) => c.subprofile === null)).toBe(true);
      }
    }
  });

  it('reads the documented example rows and an old envelope with string start/limit and no count', async () => {
    const body = JSON.stringify({
      start: '400',
      limit: '2',
      total: 448,
      data: [
        {
          ID: '19431',
          link_id: '3145',
          link: '{webversion}',
          link_title: '',
          timestamp: '2010-11-03 15:07:33',
          ip: '0.0.0.0',
          useragent: 'Firefox 3.6, WinXP',
          referer: null,
          emailing: '1914',
          destination: '823456',
          profile: '2290961',
          subprofile: null,
        },
        {
          ID: 394455,
          link: 'http://www.copernica.com/nl/afmelden/',
          timestamp: '2014-06-18 14:55:18',
          ip: null,
          'user-agent': 'Chrome 35.0.1916.153,\n Windows 8.1',
          referer: '',
          destination: '504172',
          profile: null,
          subprofile: null,
        },
      ],
    });
    const client = new CopernicaClient({ token: TOKEN, fetch: async () => new Response(body) });
    const page = await client.clicksPage(1914, { start: 400, limit: 2 });
    expect(page).toMatchObject({ start: 400, limit: 2, count: 2, total: 448 });
    expect(page.data[0]).toEqual({
      id: 19431,
      linkId: 3145,
      link: '{webversion}',
      linkTitle: '',
      timestamp: '2010-11-03 15:07:33',
      ip: '0.0.0.0',
      userAgent: 'Firefox 3.6, WinXP',
      referer: null,
      emailing: 1914,
      destination: 823456,
      profile: 2290961,
      subprofile: null,
    });
    expect(page.data[1]).toMatchObject({ id: 394455, linkId: null, ip: null, profile: null, emailing: null });
    expect(page.data[1]?.userAgent).toContain('Chrome 35');
  });

  it('rejects envelopes it cannot use with bad_response', async () => {
    const answers: unknown[] = [{ start: 0, limit: 1, count: 1, total: 1 }, { start: 0, data: 'x' }, [1, 2]];
    for (const answer of answers) {
      let calls = 0;
      const client = new CopernicaClient({
        token: TOKEN,
        fetch: async () => {
          calls++;
          return new Response(JSON.stringify(answer));
        },
      });
      const error = await appErrorOf(client.clicksPage(1, { start: 0 }));
      expect(error.code).toBe('bad_response');
      expect(error.message).toMatch(/publisher\/emailing\/1\/clicks/);
      expect(calls).toBe(1);
    }
  });

  it('refuses and counts clicks with an invalid ID or no timestamp instead of failing the page', async () => {
    const good = { ID: '9', timestamp: '2024-01-01 00:00:00', profile: '5', subprofile: '' };
    const data = [
      { ID: 'abc', timestamp: '2024-01-01 00:00:00' },
      { ID: '0', timestamp: '2024-01-01 00:00:00' },
      { ID: -3, timestamp: '2024-01-01 00:00:00' },
      { ID: '7' },
      { ID: '8', timestamp: 12 },
      null,
      'a click',
      { ...good, profile: '0' },
      { ...good, destination: '-4' },
      { ...good, link_id: 'x' },
      { ...good, emailing: 1.5 },
      { ...good, subprofile: '0' },
      good,
    ];
    const client = new CopernicaClient({
      token: TOKEN,
      fetch: async () => new Response(JSON.stringify({ start: 0, count: 13, data })),
    });
    const page = await client.clicksPage(1, { start: 0 });
    expect(page).toMatchObject({ count: 13, refused: 12 });
    expect(page.data).toEqual([expect.objectContaining({ id: 9, profile: 5, subprofile: null })]);
  });

  it('takes the count from the data, never from a lying envelope, and a negative total as none', async () => {
    const row = (id: number) => ({ ID: String(id), timestamp: '2024-01-01 00:00:00' });
    const answers = [
      { body: { start: 0, limit: 1000, count: 1000, total: 3, data: [row(1), row(2), row(3)] }, count: 3 },
      { body: { start: 0, limit: 1000, count: 0, total: 3, data: [row(1), row(2)] }, count: 2 },
      { body: { start: -5, limit: -1, count: -7, total: -9, data: [row(1)] }, count: 1 },
    ];
    for (const { body, count } of answers) {
      const client = new CopernicaClient({
        token: TOKEN,
        fetch: async () => new Response(JSON.stringify(body)),
      });
      const page = await client.clicksPage(1, { start: 0 });
      expect(page.count).toBe(count);
      expect(page.data).toHaveLength(count);
      expect(page.start).toBeGreaterThanOrEqual(0);
      expect(page.limit).toBeGreaterThan(0);
      expect(page.total === null || page.total >= 0).toBe(true);
    }
  });

  it('cuts click texts longer than MAX_CLICK_TEXT, marking the cut, without splitting a character', async () => {
    const long = 'é'.repeat(MAX_CLICK_TEXT + 1);
    // A string of astral characters: the cut must not leave half a surrogate pair.
    const emoji = '😀'.repeat(MAX_CLICK_TEXT);
    const exact = 'x'.repeat(MAX_CLICK_TEXT);
    const click = {
      ID: '1',
      timestamp: '2024-01-01 00:00:00',
      link: long,
      link_title: exact,
      ip: long,
      useragent: emoji,
      referer: long,
    };
    const client = new CopernicaClient({
      token: TOKEN,
      fetch: async () => new Response(JSON.stringify({ data: [click] })),
    });
    const [parsed] = (await client.clicksPage(1, { start: 0 })).data;
    const cut = 'é'.repeat(MAX_CLICK_TEXT - TEXT_CUT_MARKER.length) + TEXT_CUT_MARKER;
    expect(parsed).toMatchObject({ link: cut, ip: cut, referer: cut, linkTitle: exact });
    expect(parsed!.userAgent!.length).toBeLessThanOrEqual(MAX_CLICK_TEXT);
    expect(parsed!.userAgent!.endsWith(`😀${TEXT_CUT_MARKER}`)).toBe(true);
  });

  it('reads identity, emailings, one emailing, a profile and a subprofile', async () => {
    const fake = await fakeServer();
    const { client } = clientFor(fake);
    expect(await client.identity()).toEqual({
      id: 34,
      name: 'Development',
      description: 'This is an account to test with',
      company: 'Copernica BV',
      customer: { id: 3871, name: 'Copernica BV', isPartner: false },
    });
    const emailings = await client.listEmailings();
    expect(emailings.map((e) => e.id)).toEqual([1001, 1002, 1003]);
    expect(emailings[0]).toMatchObject({
      clicks: 2500,
      subject: 'Voorjaarsactie',
      timestamp: '2024-03-04 09:00:00',
    });
    expect(emailings[0]?.errors).toEqual(expect.any(Number));
    const one = await client.emailing(1002);
    expect(one).toMatchObject({ id: 1002, clicks: 120, type: 'mass', errors: null });
    expect(one.fromAddress?.email).toContain('@');

    const profileId = (await client.clicksPage(1001, { start: 0, limit: 1 })).data[0]!.profile!;
    const profile = await client.profile(profileId);
    expect(profile).toMatchObject({ id: profileId, database: 7616, removed: false });
    expect(profile.fields.email).toContain('@');
    const sub = await client.subprofile(5_000_002);
    expect(sub).toMatchObject({ id: 5_000_002, collection: 6312, removed: false });
  });

  it('lists emailings over several pages', async () => {
    const emailings = Array.from({ length: 2300 }, (_, i) => ({ id: i + 1, clicks: 0 }));
    const fake = await fakeServer({ emailings });
    const { client } = clientFor(fake);
    const listed = await client.listEmailings();
    expect(listed).toHaveLength(2300);
    expect(new Set(listed.map((e) => e.id)).size).toBe(2300);
    expect(fake.requests.map((r) => r.query.get('start'))).toEqual(['0', '1000', '2000']);
  });

  it('lists emailings to the end when a lying total meets a server that ignores start', async () => {
    const emailings = Array.from({ length: 1200 }, (_, i) => ({ id: i + 1, clicks: 0 }));
    const fake = await fakeServer({ emailings });
    fake.inject({ kind: 'stuckPage', envelope: { total: 1_000_000 }, path: /emailings$/, times: Infinity });
    const runaway = new AbortController();
    fake.onRequest = (info) => {
      if (info.number > 20) runaway.abort();
    };
    const listed = await clientFor(fake).client.listEmailings(runaway.signal);
    // The first page, once: the repeat ends the listing.
    expect(listed).toHaveLength(1000);
    expect(new Set(listed.map((e) => e.id)).size).toBe(1000);
    expect(fake.requests).toHaveLength(2);
  });

  it('sends a descriptive User-Agent', async () => {
    const fake = await fakeServer();
    let agent: string | null = null;
    const spy: typeof fetch = (input, init) => {
      agent = new Headers(init?.headers).get('user-agent');
      return fetch(input, init);
    };
    await clientFor(fake, { fetch: spy }).client.identity();
    expect(agent).toMatch(/^CopernicaClicks\/\d+\.\d+\.\d+ \(\+desktop reporting app\)$/);
  });

  it('refuses bad arguments before sending anything', async () => {
    const client = new CopernicaClient({ token: TOKEN, fetch: () => Promise.reject(new Error('no')) });
    expect((await appErrorOf(client.clicksPage(0, { start: 0 }))).code).toBe('invalid_input');
    expect((await appErrorOf(client.clicksPage(1, { start: -1 }))).code).toBe('invalid_input');
    expect((await appErrorOf(client.clicksPage(1, { start: 0, since: "2024-01-01' OR 1" }))).code).toBe(
      'invalid_input',
    );
  });
});
