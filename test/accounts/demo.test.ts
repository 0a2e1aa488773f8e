import { describe, expect, it } from 'vitest';
import type { EmailingListItem } from '../../src/shared/schemas/emailings';
import { DEMO_EMAILINGS, DEMO_MS_EMAILINGS } from '../../src/backend/accounts/demoServer';
import { until, useSetup, status } from './setup';

const setup = useSetup();

describe('sample data', () => {
  it('creates a demo account whose 250,000 clicks come through the client and the sync', async () => {
    const s = await setup({ module: { client: {} } });
    const { mod } = s;
    const account = await mod.handlers.createDemoAccount({});
    expect(account).toMatchObject({
      label: 'Sample data',
      isDemo: true,
      tokenStatus: 'ok',
      emailingCount: 4,
      trackedCount: 4,
    });
    // Asking again gives the same account.
    expect((await mod.handlers.createDemoAccount({})).id).toBe(account.id);
    await until(() => status(mod).syncing.length === 0, 60_000);
    const list = (await mod.handlers.listEmailings({ accountId: account.id })) as EmailingListItem[];
    // The Marketing Suite sample was sent last, so it comes first.
    expect(list.map((e) => [e.product, e.emailingId, e.clickCount, e.lastError])).toEqual([
      ...DEMO_MS_EMAILINGS.map((e) => ['ms', e.id, e.clicks, null]),
      ...[...DEMO_EMAILINGS].reverse().map((e) => ['publisher', e.id, e.clicks, null]),
    ]);
    // Nothing went to the (fake) real Copernica; the demo account does not touch connectivity.
    expect(s.fake.requests).toEqual([]);
    expect(s.events.some((e) => e.name === 'connectivityChanged')).toBe(false);

    const details = await mod.handlers.getProfileDetails({ accountId: account.id, profileId: 1_000_000 });
    expect(details.fetchProblem).toBeNull();
    expect(details.profile?.id).toBe(1_000_000);
    expect(details.clicks.length).toBeGreaterThan(0);
  }, 90_000);

  it('after a restart the embedded server starts again on demand; removing deletes it all', async () => {
    const demoEmailings = [
      { id: 1001, subject: 'Small sample', sentAt: '2025-03-04 09:00:00', clicks: 1500 },
      { id: 1002, subject: 'Tiny sample', sentAt: '2025-03-05 09:00:00', clicks: 20 },
    ];
    const s = await setup({ module: { demoEmailings } });
    const account = await s.mod.handlers.createDemoAccount({});
    await until(() => status(s.mod).syncing.length === 0);
    await s.mod.close();

    const mod = s.restart({ demoEmailings });
    expect((await mod.handlers.listAccounts({}))[0]).toMatchObject({
      id: account.id,
      tokenStatus: 'ok',
      isDemo: true,
    });
    s.db.prepare('UPDATE sync_state SET last_success_at = NULL').run();
    await mod.internal.startAutoRefresh({ refreshAfterMinutes: 60 });
    await until(() => status(mod).syncing.length === 0);
    const list = (await mod.handlers.listEmailings({ accountId: account.id })) as EmailingListItem[];
    expect(list.map((e) => [e.clickCount, e.lastError, e.lastRefreshedAt !== null])).toEqual([
      [20, null, true],
      [1500, null, true],
    ]);

    await mod.internal.deleteAccount({ id: account.id });
    expect(await mod.handlers.listAccounts({})).toEqual([]);
    expect(s.db.prepare('SELECT COUNT(*) FROM clicks').pluck().get()).toBe(0);
  });
});
