import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/backend/accounts/accountStore';
import { EmailingStore } from '../../src/backend/accounts/emailingStore';
import type { EmailingListItem } from '../../src/shared/schemas/emailings';
import { TOKEN, addAccount, keyOf, until, useSetup, status } from './setup';

const setup = useSetup();

function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

describe('accounts', () => {
  it('adds an account after Copernica accepted its token', async () => {
    const { mod } = await setup();
    const account = await addAccount(mod, { label: 'Fietsen BV' });
    expect(await mod.handlers.listAccounts({})).toEqual([
      {
        id: account.id,
        label: 'Fietsen BV',
        apiVersion: 'v2',
        timeZone: 'Europe/Amsterdam',
        tokenStatus: 'ok',
        isDemo: false,
        remoteName: 'Development',
        emailingCount: 0,
        trackedCount: 0,
        lastRefreshedAt: null,
      },
    ]);
  });

  it('refuses a bad token with invalid_token and saves nothing', async () => {
    const { mod, db, fake } = await setup();
    await expect(mod.internal.verifyToken({ apiVersion: 'v2', token: 'wrong-token' })).rejects.toMatchObject({
      code: 'invalid_token',
    });
    expect(count(db, 'SELECT COUNT(*) FROM accounts')).toBe(0);
    // The token never appears in what was logged by the server either way; it is in the query only.
    expect(fake.requests.map((r) => r.path)).toEqual(['/v2/identity']);
  });

  it('refuses to add the same Copernica account twice', async () => {
    const { mod } = await setup();
    await addAccount(mod, { label: 'First' });
    const identity = await mod.internal.verifyToken({ apiVersion: 'v2', token: TOKEN });
    expect(() =>
      mod.internal.createAccount({
        label: 'Again',
        apiVersion: 'v2',
        timeZone: 'Europe/Amsterdam',
        ...identity,
      }),
    ).toThrow(/already in the app as "First"/);
  });

  it('edits label, time zone and version; a new token for another Copernica account is refused', async () => {
    const { mod, db } = await setup();
    const account = await addAccount(mod);
    const edited = await mod.internal.updateAccount({
      id: account.id,
      label: 'Renamed',
      timeZone: 'America/New_York',
      apiVersion: 'v3',
    });
    expect(edited).toMatchObject({ label: 'Renamed', timeZone: 'America/New_York', apiVersion: 'v3' });
    expect(count(db, 'SELECT COUNT(*) FROM accounts WHERE api_base LIKE ?', '%/v3')).toBe(1);
    expect(() => mod.internal.updateAccount({ id: account.id, remoteId: 99, remoteName: 'Other' })).toThrow(
      /another Copernica account/,
    );
  });

  it('without a token an account is "missing"; a token makes it usable', async () => {
    const { mod } = await setup();
    const account = await addAccount(mod);
    await mod.internal.setCredentials([{ accountId: account.id, token: null }]);
    expect((await mod.handlers.listAccounts({}))[0]?.tokenStatus).toBe('missing');
    await expect(async () => mod.handlers.syncEmailings({ accountId: account.id })).rejects.toThrow();
  });

  it('gives one account by ID as listAccounts shows it, and not_found once it is gone', async () => {
    const { mod } = await setup();
    const a = await addAccount(mod, { label: 'A' });
    const b = await addAccount(mod, { label: 'B', apiVersion: 'v3' });
    await mod.internal.setCredentials([{ accountId: b.id, token: null }]);
    const listed = await mod.handlers.listAccounts({});
    expect(listed).toHaveLength(2);
    for (const account of listed) expect(await mod.internal.getAccount({ id: account.id })).toEqual(account);
    expect(await mod.internal.getAccount({ id: b.id })).toMatchObject({ label: 'B', tokenStatus: 'missing' });
    await mod.internal.deleteAccount({ id: a.id });
    expect(() => mod.internal.getAccount({ id: a.id })).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'That account no longer exists.' }),
    );
  });

  it('removing an account deletes all its cached data, and only its', async () => {
    const { mod, db, fake } = await setup();
    const a = await addAccount(mod, { label: 'A' });
    await mod.handlers.refreshEmailingList({ accountId: a.id });
    const key = keyOf(mod, a.id, 502);
    await mod.handlers.setTracked({ emailingKey: key, tracked: true });
    await until(() => count(db, 'SELECT COUNT(*) FROM clicks') === 250 && !status(mod).syncing.length);
    // The clicking profiles' fields, fetched after the clicks, are the account's too.
    await until(() => (status(mod).fetchingProfiles ?? []).length === 0);
    const clickers = count(db, 'SELECT COUNT(DISTINCT profile) FROM clicks');
    // A second account (another origin for the same fake), with its own cache.
    db.prepare(
      `INSERT INTO accounts (label, api_base, remote_id, created_at) VALUES ('B', 'http://other/v2', 1, '2025-01-01')`,
    ).run();
    const other = Number(db.prepare('SELECT id FROM accounts WHERE label = ?').pluck().get('B'));
    db.prepare(`INSERT INTO emailings (account_id, remote_id) VALUES (?, 9)`).run(other);
    const otherKey = Number(db.prepare('SELECT id FROM emailings WHERE account_id = ?').pluck().get(other));
    db.prepare(`INSERT INTO clicks (emailing_id, id, profile) VALUES (?, 1, 1000000)`).run(otherKey);
    await mod.handlers.getProfileDetails({ accountId: a.id, profileId: 1_000_000, subprofileId: 5_000_000 });
    expect(count(db, 'SELECT COUNT(*) FROM profiles')).toBeGreaterThanOrEqual(clickers);
    expect(count(db, 'SELECT COUNT(*) FROM subprofiles')).toBeGreaterThan(0);
    expect(count(db, 'SELECT COUNT(*) FROM database_fields')).toBe(2);
    expect(count(db, 'SELECT COUNT(*) FROM profile_fetch_state')).toBe(1);
    expect(count(db, 'SELECT COUNT(*) FROM links')).toBeGreaterThan(0);
    expect(count(db, 'SELECT COUNT(*) FROM sync_state')).toBe(1);
    void fake;

    await mod.internal.deleteAccount({ id: a.id });
    expect(count(db, 'SELECT COUNT(*) FROM accounts')).toBe(1);
    expect(count(db, 'SELECT COUNT(*) FROM emailings')).toBe(1);
    expect(count(db, 'SELECT COUNT(*) FROM clicks')).toBe(1);
    for (const table of [
      'links',
      'sync_state',
      'profiles',
      'subprofiles',
      'link_stats',
      'profile_stats',
      'database_fields',
      'profile_fetch_state',
    ]) {
      expect(count(db, `SELECT COUNT(*) FROM ${table}`), table).toBe(0);
    }
    await expect(mod.internal.deleteAccount({ id: a.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('removing an account stops its running sync first', async () => {
    const { mod, db } = await setup({ fake: { latencyMs: 20 } });
    const a = await addAccount(mod);
    await mod.handlers.refreshEmailingList({ accountId: a.id });
    await mod.handlers.setTracked({ emailingKey: keyOf(mod, a.id, 501), tracked: true });
    await until(() => count(db, 'SELECT COUNT(*) FROM clicks') > 0);
    await mod.internal.deleteAccount({ id: a.id });
    expect(status(mod).syncing).toEqual([]);
    expect(count(db, 'SELECT COUNT(*) FROM clicks')).toBe(0);
  });
});

describe('the emailing list', () => {
  it('is fetched with the list call counts and searchable by subject or ID', async () => {
    const { mod, db } = await setup();
    const a = await addAccount(mod);
    await mod.handlers.refreshEmailingList({ accountId: a.id });
    const all = (await mod.handlers.listEmailings({ accountId: a.id })) as EmailingListItem[];
    expect(all.map((e) => e.emailingId)).toEqual([503, 502, 501]);
    expect(all[2]).toMatchObject({
      subject: 'Zomeractie – crème brûlée',
      sentAt: '2025-06-01 09:00:00',
      reportedClicks: 4321,
      tracked: false,
      clickCount: 0,
      lastRefreshedAt: null,
      lastError: null,
      syncing: false,
    });
    expect(all[2]?.destinations).toBeGreaterThan(0);
    expect(count(db, 'SELECT COUNT(*) FROM emailings WHERE listed_at IS NOT NULL')).toBe(3);

    const search = async (text: string) =>
      ((await mod.handlers.listEmailings({ accountId: a.id, search: text })) as EmailingListItem[]).map(
        (e) => e.emailingId,
      );
    expect(await search('CRÈME')).toEqual([]); // SQLite's LIKE folds ASCII case only
    expect(await search('crème')).toEqual([501]);
    expect(await search('nieuwsBRIEF')).toEqual([502]);
    expect(await search('50')).toEqual([503, 502, 501]);
    expect(await search('502')).toEqual([502]);
    expect(await search('100%')).toEqual([503]);
    expect(await search('%')).toEqual([503]);
    expect(await search('_')).toEqual([]);
  });

  it('gives one cached emailing by key as the cached list shows it, and null for an unknown key', async () => {
    const { mod, db } = await setup();
    const a = await addAccount(mod, { label: 'Fietsen BV' });
    await mod.handlers.refreshEmailingList({ accountId: a.id });
    const key = keyOf(mod, a.id, 502);
    await mod.handlers.setTracked({ emailingKey: key, tracked: true });
    await until(() => status(mod).syncing.length === 0);
    const listed = new EmailingStore(db).cachedAll();
    expect(listed).toHaveLength(3);
    for (const emailing of listed)
      expect(await mod.internal.getCachedEmailing({ emailingKey: emailing.key })).toEqual(emailing);
    expect(await mod.internal.getCachedEmailing({ emailingKey: key })).toMatchObject({
      accountLabel: 'Fietsen BV',
      emailingId: 502,
      subject: 'Nieuwsbrief juni',
      clickCount: 250,
    });
    expect(
      await mod.internal.getCachedEmailing({ emailingKey: Math.max(...listed.map((e) => e.key)) + 1 }),
    ).toBeNull();
  });

  it("the CLI's sync reads and writes accounts as the app does: one account per API base and Copernica ID, its version from the base", async () => {
    const { mod, db } = await setup();
    const store = new AccountStore(db);
    const now = new Date('2025-07-01T12:00:00Z');
    const first = store.upsertByRemote(
      {
        label: 'Webwinkel',
        apiBase: 'https://api.copernica.com/v4',
        remoteId: 77,
        timeZone: 'Europe/London',
      },
      now,
    );
    expect(first).toMatchObject({ apiVersion: 'v4', timeZone: 'Europe/London', tokenStatus: 'ok' });
    store.markRejected(first.id);
    // A later sync finds it again (a token that listed the emailings works again) and sees a rename.
    const again = store.upsertByRemote(
      { label: 'Webwinkel BV', apiBase: 'https://api.copernica.com/v4', remoteId: 77 },
      now,
    );
    expect(again).toMatchObject({
      id: first.id,
      label: 'Webwinkel BV',
      tokenStatus: 'ok',
      timeZone: 'Europe/London',
    });
    // The app lists it as any other: the same store, the same shape.
    expect(await mod.internal.getAccount({ id: first.id })).toMatchObject({
      label: 'Webwinkel BV',
      apiVersion: 'v4',
      remoteName: 'Webwinkel BV',
    });
    const other = store.upsertByRemote(
      { label: 'Ander', apiBase: 'https://api.copernica.com/v2', remoteId: 77 },
      now,
    );
    expect(other.id).not.toBe(first.id);
    expect(other.apiVersion).toBe('v2');
  });

  it('tracking starts a first refresh; trackedOnly lists only those', async () => {
    const { mod } = await setup();
    const a = await addAccount(mod);
    await mod.handlers.refreshEmailingList({ accountId: a.id });
    const key = keyOf(mod, a.id, 502);
    await mod.handlers.setTracked({ emailingKey: key, tracked: true });
    expect(status(mod).syncing).toEqual([key]);
    await until(() => status(mod).syncing.length === 0);
    const tracked = (await mod.handlers.listEmailings({
      accountId: a.id,
      trackedOnly: true,
    })) as EmailingListItem[];
    expect(tracked).toHaveLength(1);
    expect(tracked[0]).toMatchObject({ emailingId: 502, tracked: true, clickCount: 250, lastError: null });
    expect(tracked[0]?.lastRefreshedAt).toBe('2025-07-01T12:00:00.000Z');
    const accounts = await mod.handlers.listAccounts({});
    expect(accounts[0]).toMatchObject({
      emailingCount: 3,
      trackedCount: 1,
      lastRefreshedAt: '2025-07-01T12:00:00.000Z',
    });

    await mod.handlers.setTracked({ emailingKey: key, tracked: false });
    expect(await mod.handlers.listEmailings({ accountId: a.id, trackedOnly: true })).toEqual([]);
    await expect(async () =>
      mod.handlers.setTracked({ emailingKey: 9999, tracked: true }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
