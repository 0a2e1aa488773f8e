/**
 * The app's refresh and the profile fetch after it (accounts/syncQueue.ts): the clicks' "done"
 * and counts come first and stay as they are, whatever the profile fetch does afterwards.
 */
import { describe, expect, it } from 'vitest';
import type { ProfileFetchProgress } from '../../src/shared/schemas/profiles';
import type { EmailingListItem } from '../../src/shared/schemas/emailings';
import { writeProfileSettings } from '../../src/backend/profiles/profileSettings';
import { addAccount, keyOf, status, until, useSetup } from '../accounts/setup';

const setup = useSetup();

type S = Awaited<ReturnType<typeof setup>>;

const profileEvents = (s: S): ProfileFetchProgress[] =>
  s.events.filter((e) => e.name === 'profileFetchProgress').map((e) => e.payload as ProfileFetchProgress);

const settled = (s: S) => () =>
  status(s.mod).syncing.length === 0 && (status(s.mod).fetchingProfiles ?? []).length === 0;

const profileRoutes = (s: S): number =>
  Object.entries(s.fake.requestCounts())
    .filter(([route]) => /^(profile|subprofile|database|collection)\//.test(route))
    .reduce((sum, [, n]) => sum + n, 0);

async function trackedAccount(s: S, ids: number[]) {
  const a = await addAccount(s.mod);
  await s.mod.handlers.refreshEmailingList({ accountId: a.id });
  const keys = ids.map((id) => keyOf(s.mod, a.id, id));
  return { a, keys };
}

describe('the refresh fetches the clicking profiles after the clicks', () => {
  it('by default: after every emailing of the account is done, with progress like a sync', async () => {
    const s = await setup();
    const { a, keys } = await trackedAccount(s, [501, 502]);
    await s.mod.handlers.syncEmailings({ emailingKeys: keys });
    await until(settled(s));
    const order = s.events
      .filter((e) => e.name === 'syncProgress' || e.name === 'profileFetchProgress')
      .map(
        (e) =>
          `${e.name === 'syncProgress' ? 'clicks' : 'profiles'} ${(e.payload as { phase: string }).phase}`,
      )
      .filter((line) => /done|starting/.test(line));
    // Both emailings' clicks are done before any profile fetch starts.
    expect(order.slice(0, 4)).toEqual(['clicks starting', 'clicks done', 'clicks starting', 'clicks done']);
    expect(order.slice(4)).toEqual([
      'profiles starting',
      'profiles done',
      'profiles starting',
      'profiles done',
    ]);
    const list = (await s.mod.handlers.listEmailings({ accountId: a.id })) as EmailingListItem[];
    expect(list.find((e) => e.key === keys[0])?.clickCount).toBe(4321);
    expect(list.find((e) => e.key === keys[1])?.clickCount).toBe(250);
    const clickers = s.db
      .prepare('SELECT COUNT(DISTINCT profile) FROM clicks WHERE profile IS NOT NULL')
      .pluck()
      .get() as number;
    expect(s.db.prepare('SELECT COUNT(*) FROM profiles').pluck().get()).toBe(clickers);
    const done = profileEvents(s).filter((p) => p.phase === 'done');
    expect(done.map((p) => p.emailingKey)).toEqual(keys);
  });

  it('a profile fetch that fails leaves the refresh as it was: done, its clicks, no error', async () => {
    const s = await setup();
    const { a, keys } = await trackedAccount(s, [502]);
    s.fake.inject({ kind: 'html503', path: /\/(database|profile|collection|subprofile)\//, times: 1000 });
    await s.mod.handlers.syncEmailings({ emailingKeys: keys });
    await until(settled(s));
    expect(s.progress(keys[0]).at(-1)).toMatchObject({ phase: 'done', rows: 250, error: null });
    expect(profileEvents(s).at(-1)).toMatchObject({ phase: 'failed', emailingKey: keys[0] });
    const item = ((await s.mod.handlers.listEmailings({ accountId: a.id })) as EmailingListItem[]).find(
      (e) => e.key === keys[0],
    );
    expect(item).toMatchObject({ clickCount: 250, lastError: null });
  });

  it('a refresh asked for meanwhile goes first; the profile fetch goes on after it', async () => {
    const s = await setup({ fake: { latencyMs: 15 } });
    const { keys } = await trackedAccount(s, [501, 502]);
    await s.mod.handlers.syncEmailings({ emailingKeys: [keys[0]!] });
    await until(() => profileEvents(s).some((p) => p.phase === 'fetching' || p.phase === 'starting'));
    await s.mod.handlers.syncEmailings({ emailingKeys: [keys[1]!] });
    await until(() => s.progress(keys[1]).some((p) => p.phase === 'done'));
    await until(settled(s));
    // Stopped for the refresh, never reported as cancelled, and finished afterwards.
    expect(profileEvents(s).some((p) => p.phase === 'cancelled')).toBe(false);
    expect(
      profileEvents(s)
        .filter((p) => p.phase === 'done')
        .map((p) => p.emailingKey),
    ).toContain(keys[0]);
    const clickers = s.db
      .prepare('SELECT COUNT(DISTINCT profile) FROM clicks WHERE emailing_id = ?')
      .pluck()
      .get(keys[0]) as number;
    const fetched = s.db
      .prepare('SELECT COUNT(*) FROM profiles WHERE id IN (SELECT profile FROM clicks WHERE emailing_id = ?)')
      .pluck()
      .get(keys[0]) as number;
    expect(fetched).toBe(clickers);
  });

  it('cancel stops it as it stops a sync', async () => {
    const s = await setup({ fake: { latencyMs: 30 } });
    const { keys } = await trackedAccount(s, [501]);
    await s.mod.handlers.syncEmailings({ emailingKeys: keys });
    await until(() => profileEvents(s).some((p) => p.phase === 'starting'));
    await s.mod.handlers.cancelSync({ emailingKey: keys[0]! });
    await until(settled(s));
    expect(profileEvents(s).at(-1)?.phase).toBe('cancelled');
  });

  it('not when the account switched it off', async () => {
    const s = await setup();
    const { a, keys } = await trackedAccount(s, [502]);
    writeProfileSettings(s.db, a.id, { fetchProfiles: false });
    s.fake.resetStats();
    await s.mod.handlers.syncEmailings({ emailingKeys: keys });
    await until(settled(s));
    expect(s.progress(keys[0]).at(-1)?.phase).toBe('done');
    expect(profileEvents(s)).toEqual([]);
    expect(profileRoutes(s)).toBe(0);
  });
});
