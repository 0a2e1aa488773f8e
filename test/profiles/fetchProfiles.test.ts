import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import type { RowFormat } from '../../src/backend/fakeApi/data';
import {
  createFakeCopernica,
  type FakeCopernica,
  type FakeCopernicaOptions,
} from '../../src/backend/fakeApi/server';
import { fetchProfiles } from '../../src/backend/profiles/fetchProfiles';
import { writeProfileSettings } from '../../src/backend/profiles/profileSettings';
import { removeExpiredProfileFields } from '../../src/backend/profiles/retention';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { isAppError } from '../../src/shared/errors';
import type { ProfileFetchProgress } from '../../src/shared/schemas/profiles';

const TOKEN = 'test-token';
const FORMAT: RowFormat = { userAgentKey: 'useragent', numbersAsStrings: true };
let fake: FakeCopernica | undefined;
let db: Database.Database | undefined;

afterEach(async () => {
  db?.close();
  db = undefined;
  await fake?.close();
  fake = undefined;
});

const instantSleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
  signal?.aborted ? Promise.reject(signal.reason as Error) : Promise.resolve();

async function setUp(options: FakeCopernicaOptions) {
  fake = await createFakeCopernica({ tokens: [TOKEN], ...options });
  db = openDatabase(':memory:');
  const client = new CopernicaClient({
    baseUrl: fake.url,
    token: TOKEN,
    sleep: instantSleep,
    timeoutMs: 2000,
  });
  return { fake, db, client };
}

/** Syncs the emailings' clicks (no profiles) and returns their keys. */
async function syncClicks(client: CopernicaClient, ids: number[]): Promise<number[]> {
  const plan = await planSync(client, fake!.url, ids);
  await runSync({ db: db!, source: client, plan });
  return ids.map(
    (id) => db!.prepare('SELECT id FROM emailings WHERE remote_id = ?').pluck().get(id) as number,
  );
}

function clickers(emailingKey: number, column: 'profile' | 'subprofile' = 'profile'): number[] {
  return db!
    .prepare(
      `SELECT DISTINCT ${column} FROM clicks WHERE emailing_id = ? AND ${column} IS NOT NULL ORDER BY 1`,
    )
    .pluck()
    .all(emailingKey) as number[];
}

function cached(table: 'profiles' | 'subprofiles', id: number) {
  const row = db!.prepare(`SELECT fields, removed FROM ${table} WHERE id = ?`).get(id) as
    { fields: string; removed: string | null } | undefined;
  return row && { fields: JSON.parse(row.fields) as Record<string, string>, removed: row.removed };
}

/** Requests the fake received for profiles, subprofiles, databases and collections. */
function profileRequests(): number {
  return Object.entries(fake!.requestCounts())
    .filter(([route]) => /^(profile|subprofile|database|collection)\//.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

function expectAsTheFakeHasThem(emailingKey: number): void {
  for (const id of clickers(emailingKey)) {
    const expected = fake!.database().profileJson(id, FORMAT);
    expect(cached('profiles', id), `profile ${id}`).toEqual({
      fields: expected.removed === false ? expected.fields : {},
      removed: expected.removed === false ? null : expected.removed,
    });
  }
  for (const id of clickers(emailingKey, 'subprofile')) {
    const expected = fake!.database().subprofileJson(id, FORMAT);
    expect(cached('subprofiles', id), `subprofile ${id}`).toEqual({ fields: expected.fields, removed: null });
  }
}

describe('fetching the clicking profiles', () => {
  it('stores every clicking profile and subprofile as the fake has it, in at most a tenth of one call per profile', async () => {
    const { client } = await setUp({ emailings: [{ id: 701, clicks: 4000 }] });
    const [key] = await syncClicks(client, [701]);
    fake!.resetStats();
    const progress: ProfileFetchProgress[] = [];
    const result = await fetchProfiles({
      db: db!,
      source: client,
      emailingKey: key!,
      onProgress: (p) => progress.push(p),
    });
    const requests = profileRequests();
    console.log(
      `dense: ${result.profiles} profiles + ${result.subprofiles} subprofiles in ${requests} requests ` +
        `(one per profile: ${result.oneByOneRequests})`,
    );
    expect(result.profiles).toBe(clickers(key!).length);
    expect(result.subprofiles).toBe(clickers(key!, 'subprofile').length);
    expect(result.profiles).toBeGreaterThan(1000);
    expectAsTheFakeHasThem(key!);
    expect(requests).toBe(result.requests);
    expect(requests * 10).toBeLessThanOrEqual(result.oneByOneRequests);
    expect(progress[0]).toMatchObject({ phase: 'starting', done: 0, total: result.oneByOneRequests });
    expect(progress.at(-1)).toMatchObject({
      phase: 'done',
      done: result.oneByOneRequests,
      total: result.oneByOneRequests,
    });
    // The database's fields, for the column chooser and the exports.
    const fields = db!.prepare(`SELECT fields FROM database_fields WHERE kind = 'database'`).pluck().get();
    expect(JSON.parse(fields as string)).toEqual(['firstname', 'lastname', 'email', 'company', 'city']);
  });

  it('asks for few, far-apart clickers one by one and fetches no range of other profiles', async () => {
    const { client } = await setUp({
      emailings: [{ id: 702, clicks: 30, profiles: 8, profileStride: 40_000 }],
    });
    const [key] = await syncClicks(client, [702]);
    fake!.resetStats();
    const result = await fetchProfiles({ db: db!, source: client, emailingKey: key! });
    const counts = fake!.requestCounts();
    const singles = counts['profile/$id'] ?? 0;
    const listCalls = fake!.requests.filter((r) => r.path.endsWith('/profiles'));
    console.log(
      `sparse: ${result.profiles} clicking profiles (of 8 spread over 280,000 IDs) in ${singles} single calls ` +
        `and ${listCalls.length} list call (the limit=1 probe), ${profileRequests()} requests with the subprofiles`,
    );
    expect(result.profiles).toBeGreaterThan(2);
    expect(singles).toBe(result.profiles);
    // The only list call is the one-row probe that told the density: no range of other profiles.
    expect(listCalls.map((r) => r.query.get('limit'))).toEqual(['1']);
    expectAsTheFakeHasThem(key!);
  });

  it('keeps a removed clicker as removed: empty fields and the removed date', async () => {
    const { client } = await setUp({ emailings: [{ id: 703, clicks: 2000 }] });
    const [key] = await syncClicks(client, [703]);
    const all = clickers(key!);
    const gone = [all[0]!, all[17]!, all.at(-1)!];
    for (const id of gone) fake!.removeProfile(id);
    const result = await fetchProfiles({ db: db!, source: client, emailingKey: key! });
    expect(result.removed).toBe(3);
    for (const id of gone)
      expect(cached('profiles', id)).toEqual({ fields: {}, removed: '2024-05-01 12:00:00' });
    expect(cached('profiles', all[1]!)?.removed).toBeNull();
    expectAsTheFakeHasThem(key!);
  });

  it('survives 503s and dropped connections, and after a cancel resumes with the profiles it had not fetched', async () => {
    const { client } = await setUp({ emailings: [{ id: 704, clicks: 6000 }] });
    const [key] = await syncClicks(client, [704]);
    const total = clickers(key!).length + clickers(key!, 'subprofile').length;
    fake!.inject({ kind: 'html503', path: /\/database\/\d+\/profiles$/, times: 2 });
    fake!.inject({ kind: 'reset', path: /\/database\/\d+\/profiles$/ });
    fake!.inject({ kind: 'html503', path: /\/subprofile\/\d+$/ });
    const controller = new AbortController();
    const progress: ProfileFetchProgress[] = [];
    const first = fetchProfiles({
      db: db!,
      source: client,
      emailingKey: key!,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        progress.push(p);
        if (p.phase === 'fetching' && p.done >= 1200) controller.abort();
      },
    });
    const stopped = await first.catch((error: unknown) => error);
    expect(isAppError(stopped) && stopped.code).toBe('cancelled');
    expect(progress.at(-1)?.phase).toBe('cancelled');
    const kept = db!.prepare('SELECT COUNT(*) FROM profiles').pluck().get() as number;
    expect(kept).toBeGreaterThanOrEqual(1200);
    expect(kept).toBeLessThan(total);

    fake!.resetStats();
    const resumed = await fetchProfiles({ db: db!, source: client, emailingKey: key! });
    expect(resumed.resumed).toBe(true);
    expect(resumed.profiles + resumed.subprofiles).toBe(total - kept);
    expectAsTheFakeHasThem(key!);
    expect(db!.prepare('SELECT run_started_at FROM profile_fetch_state').pluck().get()).toBeNull();
  });

  it('a fault that outlasts the retries fails the run, and the next run goes on from there', async () => {
    const { client } = await setUp({ emailings: [{ id: 705, clicks: 3000 }] });
    const [key] = await syncClicks(client, [705]);
    const progress: ProfileFetchProgress[] = [];
    fake!.inject({ kind: 'html503', path: /\/subprofile\/\d+$/, times: 50 });
    await expect(
      fetchProfiles({ db: db!, source: client, emailingKey: key!, onProgress: (p) => progress.push(p) }),
    ).rejects.toThrow(/503/);
    expect(progress.at(-1)?.phase).toBe('failed');
    fake!.clearFaults();
    const again = await fetchProfiles({ db: db!, source: client, emailingKey: key! });
    expect(again.resumed).toBe(true);
    expect(again.profiles).toBe(0);
    expectAsTheFakeHasThem(key!);
  });

  it('updates a profile changed at Copernica on the next refresh', async () => {
    const { client } = await setUp({ emailings: [{ id: 706, clicks: 500 }] });
    const [key] = await syncClicks(client, [706]);
    const clock = { now: new Date('2025-01-01T10:00:00Z') };
    await fetchProfiles({ db: db!, source: client, emailingKey: key!, now: () => clock.now });
    const id = clickers(key!)[3]!;
    expect(cached('profiles', id)?.fields.email).not.toBe('nieuw@voorbeeld.nl');
    fake!.changeProfile(id, { email: 'nieuw@voorbeeld.nl', company: 'Nieuw BV' });
    clock.now = new Date('2025-01-02T10:00:00Z');
    const again = await fetchProfiles({ db: db!, source: client, emailingKey: key!, now: () => clock.now });
    expect(again.resumed).toBe(false);
    expect(cached('profiles', id)?.fields).toMatchObject({
      email: 'nieuw@voorbeeld.nl',
      company: 'Nieuw BV',
    });
    expectAsTheFakeHasThem(key!);
  });

  it('removes fetched fields older than the retention days', async () => {
    const { client } = await setUp({ emailings: [{ id: 707, clicks: 300 }] });
    const [key] = await syncClicks(client, [707]);
    const accountId = db!.prepare('SELECT id FROM accounts').pluck().get() as number;
    const fetchedAt = new Date('2025-03-01T08:00:00Z');
    await fetchProfiles({ db: db!, source: client, emailingKey: key!, now: () => fetchedAt });
    const count = () => db!.prepare('SELECT COUNT(*) FROM profiles').pluck().get() as number;
    const subCount = () => db!.prepare('SELECT COUNT(*) FROM subprofiles').pluck().get() as number;
    expect(count()).toBe(clickers(key!).length);
    const day = 86_400_000;

    // Without a retention setting nothing goes, however old.
    expect(removeExpiredProfileFields(db!, new Date(fetchedAt.getTime() + 400 * day))).toEqual({
      profiles: 0,
      subprofiles: 0,
    });
    writeProfileSettings(db!, accountId, { retentionDays: 90 });
    expect(removeExpiredProfileFields(db!, new Date(fetchedAt.getTime() + 89 * day)).profiles).toBe(0);
    expect(count()).toBe(clickers(key!).length);
    const removed = removeExpiredProfileFields(db!, new Date(fetchedAt.getTime() + 91 * day));
    expect(removed.profiles).toBe(clickers(key!).length);
    expect(count()).toBe(0);
    expect(subCount()).toBe(0);

    // A fetch applies it too: fields fetched long ago go before the run keeps anything.
    await fetchProfiles({ db: db!, source: client, emailingKey: key!, now: () => fetchedAt });
    const later = new Date(fetchedAt.getTime() + 100 * day);
    db!
      .prepare(
        `INSERT INTO profiles (account_id, id, fields, interests, fetched_at) VALUES (?, 999, '{"email":"old@x.nl"}', '[]', ?)`,
      )
      .run(accountId, fetchedAt.toISOString());
    await fetchProfiles({ db: db!, source: client, emailingKey: key!, now: () => later });
    expect(db!.prepare('SELECT COUNT(*) FROM profiles WHERE id = 999').pluck().get()).toBe(0);
    expect(count()).toBe(clickers(key!).length);
  });
});
