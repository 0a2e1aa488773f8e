/**
 * Who clicked, in bulk: the fields of 50,000 clicking profiles spread at random over a database
 * of 500,000, fetched by the app's fetcher (ID ranges where clickers are dense enough, single
 * calls elsewhere) against the fake API, beside one call per profile for the same clickers,
 * measured in the same run. Requests are counted by the fake. The clicks are written straight
 * into the cache (their sync is the ingest part's benchmark); the fake runs in this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { FAKE_DATABASE_ID, PROFILE_BASE, mix } from '../../src/backend/fakeApi/data';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { fetchProfiles } from '../../src/backend/profiles/fetchProfiles';
import type { Metric } from './metrics';

export interface ProfilesBenchSize {
  clickers: number;
  databaseProfiles: number;
}

export const DEFAULT_PROFILES_BENCH: ProfilesBenchSize = { clickers: 50_000, databaseProfiles: 500_000 };

/** `clickers` distinct profile IDs drawn at random (seeded) from the database's. */
function drawClickers({ clickers, databaseProfiles }: ProfilesBenchSize): number[] {
  const chosen = new Set<number>();
  let state = 0x9e3779b9;
  while (chosen.size < clickers) {
    state = mix(state + 0x6d2b79f5);
    chosen.add(PROFILE_BASE + (state % databaseProfiles));
  }
  return [...chosen];
}

/** A cache with one emailing sent to the fake's database, whose clicks name these profiles. */
function seedCache(path: string, profiles: readonly number[]): number {
  const db = openDatabase(path);
  try {
    db.exec(`
      INSERT INTO accounts (id, label, api_base, remote_id, created_at) VALUES (1, 'Bench', 'http://127.0.0.1', 34, '2025-01-01');
      INSERT INTO emailings (id, account_id, remote_id, subject, target_database) VALUES (1, 1, 1001, 'Bench', ${FAKE_DATABASE_ID});
    `);
    const insert = db.prepare('INSERT INTO clicks (emailing_id, id, ts_local, profile) VALUES (1, ?, ?, ?)');
    db.transaction(() => {
      profiles.forEach((profile, i) => {
        // Two clicks for some, as people click twice: the fetch asks for each profile once.
        insert.run(i * 2 + 1, 1_700_000_000 + i, profile);
        if (i % 3 === 0) insert.run(i * 2 + 2, 1_700_000_000 + i, profile);
      });
    })();
    return 1;
  } finally {
    db.close();
  }
}

function requestsOf(fake: FakeCopernica): number {
  return Object.entries(fake.requestCounts())
    .filter(([route]) => /^(profile|subprofile|database|collection)\//.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

export async function benchProfiles(size: ProfilesBenchSize = DEFAULT_PROFILES_BENCH): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'copernica-bench-profiles-'));
  const fake = await createFakeCopernica({
    tokens: ['bench-token'],
    emailings: [{ id: 1001, clicks: 0 }],
    databases: [{ profiles: size.databaseProfiles }],
  });
  try {
    const clickers = drawClickers(size);
    const path = join(dir, 'cache.db');
    const emailingKey = seedCache(path, clickers);
    const client = new CopernicaClient({ baseUrl: fake.url, token: 'bench-token' });

    const db = openDatabase(path);
    let result: Awaited<ReturnType<typeof fetchProfiles>>;
    const started = performance.now();
    try {
      result = await fetchProfiles({ db, source: client, emailingKey });
    } finally {
      db.close();
    }
    const seconds = (performance.now() - started) / 1000;
    const requests = requestsOf(fake);
    if (result.profiles !== clickers.length)
      throw new Error(`The fetch brought ${result.profiles} profiles of ${clickers.length}.`);

    // The baseline: one profile/$id call per clicker, as the drill-down asks, same clickers.
    fake.resetStats();
    const baselineStarted = performance.now();
    for (const id of [...clickers].sort((a, b) => a - b)) await client.profile(id);
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    const baselineRequests = requestsOf(fake);

    const per1000 = (n: number) => Math.round((n / clickers.length) * 1000 * 100) / 100;
    const note = `${size.clickers.toLocaleString('en-US')} clickers of ${size.databaseProfiles.toLocaleString('en-US')}`;
    return [
      {
        metric: 'profiles_per_s',
        value: Math.round(clickers.length / seconds),
        unit: 'profiles/s',
        note: `one call per profile: ${Math.round(clickers.length / baselineSeconds).toLocaleString('en-US')}/s`,
      },
      {
        metric: 'profiles_requests_per_1000',
        value: per1000(requests),
        unit: 'requests',
        note: `${requests.toLocaleString('en-US')} requests for ${note}`,
      },
      {
        metric: 'profiles_baseline_requests_per_1000',
        value: per1000(baselineRequests),
        unit: 'requests',
        note: `one call per profile, measured: ${baselineRequests.toLocaleString('en-US')} requests`,
      },
      { metric: 'profiles_fetch_seconds', value: Math.round(seconds * 100) / 100, unit: 's', note },
      {
        metric: 'profiles_baseline_seconds',
        value: Math.round(baselineSeconds * 100) / 100,
        unit: 's',
        note: 'one call per profile',
      },
    ];
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
