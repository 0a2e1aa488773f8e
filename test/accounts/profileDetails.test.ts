import type Database from 'better-sqlite3';
import { writeProfileSettings } from '../../src/backend/profiles/profileSettings';
import { describe, expect, it } from 'vitest';
import { PROFILE_CLICKS_SQL, ProfileStore } from '../../src/backend/accounts/profileDetails';
import { dropGridIndexes } from '../../src/backend/db/gridIndexes';
import { openDatabase } from '../../src/backend/db/open';
import { addAccount, keyOf, until, useSetup, status } from './setup';

const setup = useSetup();

async function syncedAccount(s: Awaited<ReturnType<ReturnType<typeof useSetup>>>) {
  const a = await addAccount(s.mod);
  // The drill-down's own fetch, one profile at a time: not the bulk fetch after a refresh
  // (test/profiles/), which would cache every clicker first.
  writeProfileSettings(s.db, a.id, { fetchProfiles: false });
  await s.mod.handlers.refreshEmailingList({ accountId: a.id });
  for (const id of [501, 502])
    await s.mod.handlers.setTracked({ emailingKey: keyOf(s.mod, a.id, id), tracked: true });
  await until(() => status(s.mod).syncing.length === 0);
  return a;
}

/** The profile with the most clicks in the cache, and how many it has. */
function busiestProfile(db: Database.Database): {
  profile: number;
  clicks: number;
  subprofile: number | null;
} {
  return db
    .prepare(
      `SELECT profile, COUNT(*) AS clicks, MAX(subprofile) AS subprofile FROM clicks
        GROUP BY profile ORDER BY COUNT(DISTINCT emailing_id) DESC, clicks DESC LIMIT 1`,
    )
    .get() as { profile: number; clicks: number; subprofile: number | null };
}

describe('profile details', () => {
  it('fetches and caches the fields, and lists the clicks across emailings, newest first', async () => {
    const s = await setup();
    const a = await syncedAccount(s);
    const { profile, clicks, subprofile } = busiestProfile(s.db);
    const details = await s.mod.handlers.getProfileDetails({
      accountId: a.id,
      profileId: profile,
      subprofileId: subprofile,
    });
    expect(details.fetchProblem).toBeNull();
    expect(details.profile).toMatchObject({
      id: profile,
      removed: false,
      fetchedAt: '2025-07-01T12:00:00.000Z',
    });
    expect(Object.keys(details.profile?.fields ?? {}).length).toBeGreaterThan(0);
    if (subprofile !== null) expect(details.subprofile?.id).toBe(subprofile);
    expect(details.clicks).toHaveLength(clicks);
    const times = details.clicks.map((c) => c.timestamp ?? '');
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(details.clicks.map((c) => c.emailingId)).size).toBeGreaterThan(1);
    expect(details.clicks[0]).toMatchObject({ subject: expect.any(String), link: expect.any(String) });
    expect(s.db.prepare('SELECT COUNT(*) FROM profiles').pluck().get()).toBe(1);
  });

  it('answers from the cache when offline, saying why', async () => {
    const s = await setup();
    const a = await syncedAccount(s);
    const { profile } = busiestProfile(s.db);
    const online = await s.mod.handlers.getProfileDetails({ accountId: a.id, profileId: profile });
    await s.fake.close();
    s.clock.now = new Date('2025-07-02T08:00:00Z');
    const offline = await s.mod.handlers.getProfileDetails({ accountId: a.id, profileId: profile });
    expect(offline.fetchProblem).toBe(
      'Copernica cannot be reached (offline); showing the fields as fetched at 2025-07-01T12:00:00.000Z.',
    );
    expect(offline.profile).toEqual(online.profile);
    expect(offline.clicks).toEqual(online.clicks);
    expect(status(s.mod).online).toBe(false);
    // Known to be offline: the next one does not even try.
    const again = await s.mod.handlers.getProfileDetails({ accountId: a.id, profileId: profile + 3 });
    expect(again).toMatchObject({ profile: null, fetchProblem: 'Copernica cannot be reached (offline).' });
  });

  it('answers from the cache when the token is rejected, and says when Copernica has no such profile', async () => {
    const s = await setup();
    const a = await syncedAccount(s);
    const { profile } = busiestProfile(s.db);
    await s.mod.handlers.getProfileDetails({ accountId: a.id, profileId: profile });

    const missing = await s.mod.handlers.getProfileDetails({ accountId: a.id, profileId: 12 });
    expect(missing).toMatchObject({
      profile: null,
      clicks: [],
      fetchProblem: 'Copernica has no profile 12 (any more).',
    });

    s.fake.inject({ kind: 'json400', message: 'Invalid access token' });
    const rejected = await s.mod.handlers.getProfileDetails({ accountId: a.id, profileId: profile });
    expect(rejected.fetchProblem).toMatch(
      /refused this account’s access token, so the fields could not be fetched; showing the fields as fetched at/,
    );
    expect(rejected.profile?.id).toBe(profile);
    expect((await s.mod.handlers.listAccounts({}))[0]?.tokenStatus).toBe('rejected');
  });

  it('the drill-down query seeks clicks_by_profile per emailing of the account', () => {
    const db = openDatabase(':memory:');
    try {
      db.exec(`
        INSERT INTO accounts (id, label, api_base, remote_id, created_at) VALUES (1, 'A', 'x', 1, 'now'), (2, 'B', 'y', 2, 'now');
        INSERT INTO emailings (id, account_id, remote_id) VALUES (1, 1, 1), (2, 1, 2), (3, 1, 3), (4, 2, 4);
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999)
        INSERT INTO clicks (emailing_id, id, ts_local, profile) SELECT 1 + i % 4, i, 1700000000 + i, 1000000 + i % 49999 FROM n;
      `);
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${PROFILE_CLICKS_SQL}`).all(1, 1_000_007) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toMatch(
        /SEARCH c USING (COVERING )?INDEX clicks_by_profile \(emailing_id=\? AND profile=\?\)/,
      );
      expect(plan).not.toMatch(/SCAN c\b/);
      expect(plan).not.toMatch(/USING PRIMARY KEY \(emailing_id=\?\)/);
      const rows = db.prepare(PROFILE_CLICKS_SQL).all(1, 1_000_007) as { emailingKey: number }[];
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.emailingKey !== 4)).toBe(true);

      // While a large first sync loads without the grid indexes, the drill-down still answers.
      const store = new ProfileStore(db);
      const withIndex = store.clicks(1, 1_000_007);
      expect(withIndex).toHaveLength(3);
      dropGridIndexes(db);
      expect(store.clicks(1, 1_000_007)).toEqual(withIndex);
    } finally {
      db.close();
    }
  });
});
