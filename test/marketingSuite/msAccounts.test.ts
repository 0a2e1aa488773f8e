/**
 * The app's accounts module with both products: the emailing list holds Publisher and Marketing
 * Suite emailings of the same ID apart, filtered by product; tracking, the background sync and
 * the refresh at launch work for a Marketing Suite one; a v4 account is tested, listed and synced
 * with a JWT; a v4-only token tried on v2 is told to choose v4.
 */
import { describe, expect, it } from 'vitest';
import type { EmailingListItem } from '../../src/shared/schemas/emailings';
import { cachedClicks } from '../helpers/cacheContents';
import { msServerClicks } from '../helpers/productContents';
import { TOKEN, addAccount, status, until, useSetup } from '../accounts/setup';

const setup = useSetup();
const msEmailings = [
  { id: 501, subject: 'Drag and drop 501', sentAt: '2025-06-15 09:00:00', clicks: 2345 },
  { id: 777, subject: 'Welkom', sentAt: '2025-06-25 09:00:00', clicks: 30 },
];

describe('Marketing Suite emailings in the app', () => {
  for (const apiVersion of ['v2', 'v4'] as const) {
    it(`lists both products apart, filters by product, and syncs a tracked Marketing Suite emailing (${apiVersion})`, async () => {
      const s = await setup({ fake: { msEmailings } });
      const { mod } = s;
      const identity = await mod.internal.verifyToken({ apiVersion, token: TOKEN });
      const account = await mod.internal.createAccount({
        label: 'Client',
        apiVersion,
        timeZone: 'Europe/Amsterdam',
        ...identity,
      });
      await mod.internal.setCredentials([{ accountId: account.id, token: TOKEN }]);
      await mod.handlers.refreshEmailingList({ accountId: account.id });

      const list = (await mod.handlers.listEmailings({ accountId: account.id })) as EmailingListItem[];
      expect(list.map((e) => [e.product, e.emailingId])).toEqual([
        ['ms', 777],
        ['publisher', 503],
        ['ms', 501],
        ['publisher', 502],
        ['publisher', 501],
      ]);
      const onlyMs = (await mod.handlers.listEmailings({
        accountId: account.id,
        product: 'ms',
      })) as EmailingListItem[];
      expect(onlyMs.map((e) => e.emailingId)).toEqual([777, 501]);
      const search = (await mod.handlers.listEmailings({
        accountId: account.id,
        search: '501',
      })) as EmailingListItem[];
      expect(search.map((e) => e.product).sort()).toEqual(['ms', 'publisher']);

      const msKey = onlyMs.find((e) => e.emailingId === 501)?.key as number;
      await mod.handlers.setTracked({ emailingKey: msKey, tracked: true });
      await until(
        () => status(mod).syncing.length === 0 && s.progress(msKey).some((p) => p.phase === 'done'),
      );
      expect(cachedClicks(s.db, msKey)).toEqual(msServerClicks(s.fake, 501));
      expect(await mod.internal.getCachedEmailing({ emailingKey: msKey })).toMatchObject({
        product: 'ms',
        emailingId: 501,
        clickCount: 2345,
      });

      // Refreshed at launch like a Publisher emailing: only what is new comes.
      s.fake.appendClicks(501, 12, { product: 'ms' });
      s.clock.now = new Date(s.clock.now.getTime() + 3 * 3600_000);
      await mod.internal.startAutoRefresh({ refreshAfterMinutes: 60 });
      await until(
        () =>
          status(mod).syncing.length === 0 &&
          s.progress(msKey).filter((p) => p.phase === 'done').length === 2,
      );
      expect(cachedClicks(s.db, msKey)).toEqual(msServerClicks(s.fake, 501));
      const msRequests = s.fake.requests.filter((r) =>
        /\/(ms|draganddrop)\/emailing\/501\/clicks/.test(r.path),
      );
      expect(msRequests.at(-1)?.query.has('begintime')).toBe(true);

      for (const r of s.fake.requests)
        expect(`${r.path}?${r.query}`.includes(TOKEN)).toBe(
          apiVersion === 'v2' && r.path !== '/authenticate',
        );
    });
  }

  it("a profile's drill-down names each click's product: Publisher 501 and Marketing Suite 501 apart", async () => {
    const s = await setup({ fake: { msEmailings } });
    const { mod } = s;
    const account = await addAccount(mod);
    await mod.handlers.refreshEmailingList({ accountId: account.id });
    const list = (await mod.handlers.listEmailings({ accountId: account.id })) as EmailingListItem[];
    const both = list.filter((e) => e.emailingId === 501);
    expect(both.map((e) => e.product).sort()).toEqual(['ms', 'publisher']);
    for (const e of both) await mod.handlers.setTracked({ emailingKey: e.key, tracked: true });
    await until(() => both.every((e) => s.progress(e.key).some((p) => p.phase === 'done')));

    // A profile that clicked in both emailings numbered 501.
    const profile = s.db
      .prepare(
        `SELECT profile FROM clicks WHERE emailing_id IN (?, ?)
          GROUP BY profile HAVING COUNT(DISTINCT emailing_id) = 2 LIMIT 1`,
      )
      .pluck()
      .get(both[0]!.key, both[1]!.key) as number;
    expect(profile).toEqual(expect.any(Number));
    const details = await mod.handlers.getProfileDetails({ accountId: account.id, profileId: profile });
    const productOfKey = new Map(both.map((e) => [e.key, e.product]));
    const ofBoth = details.clicks.filter((c) => c.emailingId === 501);
    expect(new Set(ofBoth.map((c) => c.product))).toEqual(new Set(['ms', 'publisher']));
    for (const click of ofBoth) expect(click.product).toBe(productOfKey.get(click.emailingKey));
  });

  it('a v4-only token tried on v2 when the account is added gets a message that says to choose v4', async () => {
    const s = await setup({ fake: { v4OnlyTokens: ['only-for-v4-token'] } });
    await expect(
      s.mod.internal.verifyToken({ apiVersion: 'v2', token: 'only-for-v4-token' }),
    ).rejects.toMatchObject({
      code: 'invalid_token',
      message: expect.stringContaining('choose v4'),
    });
    await expect(
      s.mod.internal.verifyToken({ apiVersion: 'v4', token: 'only-for-v4-token' }),
    ).resolves.toMatchObject({
      remoteName: 'Development',
    });
  });
});
