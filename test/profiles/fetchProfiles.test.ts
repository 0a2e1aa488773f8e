import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica, type FakeCopernicaOptions } from '../../src/backend/fakeApi/server';
import { fetchProfiles } from '../../src/backend/profiles/fetchProfiles';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import type { ProfileFetchProgress } from '../../src/shared/schemas/profiles';

const TOKEN = 'test-token';
let fake: FakeCopernica | undefined;
let db: Database.Database | undefined;

afterEach(async () => {
  db?.close();
  db = undefined;
  await fake?.close();
  fake = undefined;
});

const instantSleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
  signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();

async function setUp(options: FakeCopernicaOptions) {
  fake = await createFakeCopernica({ tokens: [TOKEN], ...options });
  db = openDatabase(':memory:');
  const client = new CopernicaClient({ baseUrl: fake.url, token: TOKEN, sleep: instantSleep, timeoutMs: 2000 });
  return { fake, db, client };
}

/** Syncs the emailings' clicks (no profiles yet) and returns their keys. */
async function syncClicks(client: CopernicaClient, ids: number[]) {
  const plan = await planSync(client, fake!.url, ids);
  await runSync({ db: db!, source: client, plan });
  return ids.map(
    (id) => db!.prepare('SELECT id FROM emailings WHERE remote_id = ?').pluck().get(id) as number,
  );
}

function clickingProfiles(emailingKey: number): number[] {
  return db!
    .prepare('SELECT DISTINCT profile FROM clicks WHERE emailing_id = ? AND profile IS NOT NULL ORDER BY 1')
    .pluck()
    .all(emailingKey) as number[];
}

function cachedProfile(id: number) {
  const row = db!.prepare('SELECT fields, removed FROM profiles WHERE id = ?').get(id) as
    | { fields: string; removed: string | null }
    | undefined;
  return row && { fields: JSON.parse(row.fields) as Record<string, string>, removed: row.removed };
}

function profileRequests(): number {
  const counts = fake!.requestCounts();
  return Object.entries(counts)
    .filter(([route]) => /^(profile|subprofile|database|collection)\//.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe('fetching the clicking profiles', () => {
  it('stores every clicking profile with the fields the fake has, in a tenth of the one-per-profile requests', async () => {
    const { client } = await setUp({ emailings: [{ id: 701, clicks: 4000 }] });
    const [key] = await syncClicks(client, [701]);
    const clickers = clickingProfiles(key!);
    fake!.resetStats();
    const progress: ProfileFetchProgress[] = [];
    const result = await fetchProfiles({ db: db!, source: client, emailingKey: key!, onProgress: (p) => progress.push(p) });
    const requests = profileRequests();
    console.log(`dense: ${clickers.length} clicking profiles in ${requests} requests (one per profile: ${result.oneByOneRequests})`);
    for (const id of clickers) {
      const expected = fake!.database().profileJson(id, { userAgentKey: 'useragent', numbersAsStrings: true });
      expect(cachedProfile(id)).toEqual({ fields: expected.fields, removed: null });
    }
    expect(requests).toBe(result.requests);
    expect(requests * 10).toBeLessThanOrEqual(result.oneByOneRequests);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: result.oneByOneRequests, total: result.oneByOneRequests });
  });
});
