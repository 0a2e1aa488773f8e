/**
 * Removing an account, or an emailing's cached clicks, leaves no trace of its personal data in
 * the file: the e-mail address that was in its referers, user agents and profile fields occurs
 * nowhere in the bytes of the closed database nor in its WAL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CacheRemovalProgress } from '../../src/shared/contract';
import type { CacheDatabase } from '../../src/backend/db/open';
import { clicksPerStep } from '../../src/backend/db/erase';
import { cachedClicks, serverClicks } from '../helpers/cacheContents';
import { summariesAndAggregates } from '../helpers/summaryAggregates';
import { addAccount, keyOf, type Setup, status, until, useSetup } from './setup';

const setup = useSetup();
const address = 'jan.jansen@example.nl';
const ip = '203.0.113.77';
/** Of a profile in another emailing of the same account, which must stay. */
const keptAddress = 'piet.pieters@example.nl';

/** Clicks of one profile whose referer and user agent carry an address, its profile fields too. */
function seedClicks(
  db: CacheDatabase,
  options: { accountId: number; emailingKey: number; count: number; profile: number; who: string },
): void {
  const { accountId, emailingKey, count, profile, who } = options;
  const text = db.prepare('INSERT INTO texts (value) VALUES (?)');
  const referer = Number(
    text.run(`https://webmail.example.nl/read?to=${who}&id=${emailingKey}`).lastInsertRowid,
  );
  const agent = Number(text.run(`Mozilla/5.0 (compatible; ${who} ${emailingKey})`).lastInsertRowid);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
     INSERT INTO clicks (emailing_id, id, ts_local, ip, user_agent, referer, profile, subprofile)
     SELECT @key, i, 1750000000 + i, @ip, @agent, @referer, @profile, @profile * 10 FROM n`,
  ).run({ count, key: emailingKey, ip: who === address ? ip : '198.51.100.1', agent, referer, profile });
  db.prepare(
    `INSERT INTO sync_state (emailing_id, rows, last_success_at) VALUES (?, ?, '2025-06-30T00:00:00Z')`,
  ).run(emailingKey, count);
  db.prepare('UPDATE emailings SET tracked = 1 WHERE id = ?').run(emailingKey);
  db.prepare(`INSERT INTO link_stats (emailing_id, link, clicks, unique_profiles) VALUES (?, 1, ?, 1)`).run(
    emailingKey,
    count,
  );
  db.prepare(
    `INSERT INTO profile_stats (emailing_id, profile, clicks, unique_links) VALUES (?, ?, ?, 1)`,
  ).run(emailingKey, profile, count);
  db.prepare(`INSERT INTO links (emailing_id, link_id, url) VALUES (?, 1, ?)`).run(
    emailingKey,
    `https://shop.example.nl/?who=${who}`,
  );
  const fields = JSON.stringify({ Email: who, Naam: 'Jan Jansen' });
  db.prepare(
    `INSERT INTO profiles (account_id, id, fields, interests, fetched_at) VALUES (?, ?, ?, '{}', '2025-06-30')`,
  ).run(accountId, profile, fields);
  db.prepare(
    `INSERT INTO subprofiles (account_id, id, profile_id, fields, fetched_at) VALUES (?, ?, ?, ?, '2025-06-30')`,
  ).run(accountId, profile * 10, profile, fields);
}

/** The raw bytes of the database file and its WAL (if any), as one buffer to search. */
function fileBytes(path: string): Buffer {
  const parts = [readFileSync(path)];
  if (existsSync(`${path}-wal`)) parts.push(readFileSync(`${path}-wal`));
  return Buffer.concat(parts);
}

function occurs(bytes: Buffer, needle: string): boolean {
  return bytes.includes(Buffer.from(needle, 'utf8'));
}

async function seededAccount(s: Setup) {
  const account = await addAccount(s.mod);
  await s.mod.handlers.refreshEmailingList({ accountId: account.id });
  const removed = keyOf(s.mod, account.id, 501);
  const kept = keyOf(s.mod, account.id, 503);
  seedClicks(s.db, { accountId: account.id, emailingKey: removed, count: 45_000, profile: 77, who: address });
  seedClicks(s.db, { accountId: account.id, emailingKey: kept, count: 10, profile: 88, who: keptAddress });
  // What a long-running app has: the rows went through the WAL and were checkpointed into the file.
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  return { account, removed, kept };
}

function removalEvents(s: Setup): CacheRemovalProgress[] {
  return s.events
    .filter((e) => e.name === 'cacheRemovalProgress')
    .map((e) => e.payload as CacheRemovalProgress);
}

describe('removing cached data leaves no trace in the file', () => {
  it('removing an account: its address, IP and profile fields are nowhere in the db or the WAL', async () => {
    const s = await setup();
    const { account } = await seededAccount(s);
    // A second account's clicks must stay, and prove the search below reads the data.
    const other = await addAccount(s.mod, { label: 'Client B', apiVersion: 'v3' });
    await s.mod.handlers.refreshEmailingList({ accountId: other.id });
    const otherKey = keyOf(s.mod, other.id, 502);
    seedClicks(s.db, {
      accountId: other.id,
      emailingKey: otherKey,
      count: 5,
      profile: 99,
      who: 'kees@example.nl',
    });
    expect(occurs(fileBytes(s.databasePath), address)).toBe(true);

    await s.mod.internal.deleteAccount({ id: account.id });

    expect(s.db.prepare('SELECT COUNT(*) FROM clicks').pluck().get()).toBe(5);
    // While the app is still running: the WAL was checkpointed and truncated.
    const open = fileBytes(s.databasePath);
    expect(occurs(open, address)).toBe(false);
    expect(occurs(open, ip)).toBe(false);
    s.db.close();
    const closed = fileBytes(s.databasePath);
    expect(occurs(closed, address)).toBe(false);
    expect(occurs(closed, ip)).toBe(false);
    expect(occurs(closed, keptAddress)).toBe(false);
    expect(occurs(closed, 'kees@example.nl')).toBe(true);

    const progress = removalEvents(s);
    expect(progress.map((p) => p.phase)).toEqual([
      'deleting',
      'deleting',
      'deleting',
      'deleting',
      'compacting',
      'done',
    ]);
    expect(
      progress.every((p) => p.accountId === account.id && p.emailingKey === null && p.total === 45_010),
    ).toBe(true);
    expect(progress.at(-1)?.removed).toBe(45_010);
  });

  it('"Remove cached clicks": the emailing stays listed with no clicks, its address is nowhere in the file', async () => {
    const s = await setup();
    const { account, removed, kept } = await seededAccount(s);

    await s.mod.handlers.removeCachedClicks({ emailingKey: removed });

    const listed = s.mod.handlers.listEmailings({ accountId: account.id }) as {
      key: number;
      tracked: boolean;
      clickCount: number;
    }[];
    expect(listed.find((e) => e.key === removed)).toMatchObject({ tracked: false, clickCount: 0 });
    expect(listed.find((e) => e.key === kept)).toMatchObject({ tracked: true, clickCount: 10 });
    for (const table of ['links', 'link_stats', 'profile_stats', 'sync_state']) {
      expect(
        s.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE emailing_id = ?`).pluck().get(removed),
        table,
      ).toBe(0);
    }
    // The other emailing's clicker keeps its cached profile; the removed one's is gone.
    expect(s.db.prepare('SELECT id FROM profiles').pluck().all()).toEqual([88]);
    expect(s.db.prepare('SELECT id FROM subprofiles').pluck().all()).toEqual([880]);

    expect(occurs(fileBytes(s.databasePath), address)).toBe(false);
    s.db.close();
    const closed = fileBytes(s.databasePath);
    expect(occurs(closed, address)).toBe(false);
    expect(occurs(closed, ip)).toBe(false);
    expect(occurs(closed, keptAddress)).toBe(true);

    const progress = removalEvents(s);
    const deleting = progress.filter((p) => p.phase === 'deleting');
    expect(deleting.map((p) => p.removed)).toEqual([clicksPerStep, 2 * clicksPerStep, 45_000]);
    expect(progress.slice(-2).map((p) => p.phase)).toEqual(['compacting', 'done']);
    expect(progress.every((p) => p.emailingKey === removed && p.total === 45_000)).toBe(true);
  });

  it('a later sync fetches the removed emailing again, exactly', async () => {
    const s = await setup();
    const account = await addAccount(s.mod);
    await s.mod.handlers.refreshEmailingList({ accountId: account.id });
    const key = keyOf(s.mod, account.id, 502);
    await s.mod.handlers.setTracked({ emailingKey: key, tracked: true });
    await until(() => cachedClicks(s.db, key).length === 250 && status(s.mod).syncing.length === 0);

    await s.mod.handlers.removeCachedClicks({ emailingKey: key });
    expect(cachedClicks(s.db, key)).toEqual([]);

    await s.mod.handlers.setTracked({ emailingKey: key, tracked: true });
    await until(() => s.progress(key).at(-1)?.phase === 'done' && status(s.mod).syncing.length === 0);
    expect(cachedClicks(s.db, key)).toEqual(serverClicks(s.fake, 502));
    // Nothing of the removed clicks' summaries (link_profiles pairs included) may skew the new ones.
    const { summaries, aggregates } = summariesAndAggregates(s.db, key);
    expect(summaries.links.length).toBeGreaterThan(0);
    expect(summaries).toEqual(aggregates);
  });

  it('"Remove cached clicks" stops the emailing\'s running sync first: no page lands after it', async () => {
    const s = await setup({ fake: { latencyMs: 20 } });
    const account = await addAccount(s.mod);
    await s.mod.handlers.refreshEmailingList({ accountId: account.id });
    const key = keyOf(s.mod, account.id, 501);
    await s.mod.handlers.setTracked({ emailingKey: key, tracked: true });
    await until(() => cachedClicks(s.db, key).length > 0);

    await s.mod.handlers.removeCachedClicks({ emailingKey: key });
    expect(status(s.mod).syncing).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cachedClicks(s.db, key)).toEqual([]);
    expect(s.db.prepare('SELECT COUNT(*) FROM sync_state WHERE emailing_id = ?').pluck().get(key)).toBe(0);
  });

  it('an emailing that is not cached is refused', async () => {
    const s = await setup();
    await expect(s.mod.handlers.removeCachedClicks({ emailingKey: 4242 })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
