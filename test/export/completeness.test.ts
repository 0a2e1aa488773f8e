import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncCompleteness } from '../../src/backend/export/completeness';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { BackendHost } from '../../src/backend/host';
import { useTempDir } from '../helpers/tempDir';
import { type SeededCache, seedCache, SYNCED_CLICKS } from './seed';

const tempDir = useTempDir();
let cacheDir: string;
let cache: SeededCache;
let finished: Record<string, unknown>;

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'copernica-completeness-'));
  cache = await seedCache(join(cacheDir, 'cache.db'));
  finished = cache.db.prepare('SELECT * FROM sync_state WHERE emailing_id = ?').get(cache.synced) as Record<
    string,
    unknown
  >;
});
afterAll(async () => {
  await cache.close();
  rmSync(cacheDir, { recursive: true, force: true });
});
// Each case changes emailing 42's bookkeeping; the next one starts from the finished sync again.
afterEach(() => {
  cache.db
    .prepare(
      `UPDATE sync_state SET run_next_start = @run_next_start, last_success_at = @last_success_at,
              last_error = @last_error, last_error_at = @last_error_at
        WHERE emailing_id = @emailing_id`,
    )
    .run(finished);
  cache.db.prepare('UPDATE emailings SET reported_clicks = ? WHERE id = ?').run(SYNCED_CLICKS, cache.synced);
});

const setState = (assignments: string) =>
  cache.db.prepare(`UPDATE sync_state SET ${assignments} WHERE emailing_id = ?`).run(cache.synced);

describe('syncCompleteness', () => {
  it('is complete after a sync that finished', () => {
    expect(syncCompleteness(cache.db, cache.synced)).toEqual({
      complete: true,
      cachedClicks: SYNCED_CLICKS,
      reportedClicks: SYNCED_CLICKS,
      warning: null,
    });
  });

  it.each([
    ['a run is in progress (killed, cancelled or failed)', 'run_next_start = 1000'],
    ['the emailing was never synced to the end', 'last_success_at = NULL'],
    [
      'its last error is newer than its last success',
      `last_error = 'Copernica is down', last_error_at = '2999-01-01T00:00:00.000Z'`,
    ],
  ])('is not complete when %s, and names the cached count', (_, assignments) => {
    setState(assignments);
    const state = syncCompleteness(cache.db, cache.synced);
    expect(state.complete).toBe(false);
    expect(state.warning).toBe(
      'The last sync of emailing 42 did not finish; this export holds the 2,500 clicks cached so far.',
    );
  });

  it("names Copernica's reported total when it is more than what is cached", () => {
    setState('run_next_start = 1000');
    cache.db.prepare('UPDATE emailings SET reported_clicks = 250000 WHERE id = ?').run(cache.synced);
    expect(syncCompleteness(cache.db, cache.synced).warning).toBe(
      'The last sync of emailing 42 did not finish; this export holds the 2,500 clicks cached so far of the 250,000 that Copernica reports.',
    );
  });

  it('is complete when an older error was followed by a success', () => {
    setState(`last_error = 'old', last_error_at = '2000-01-01T00:00:00.000Z'`);
    expect(syncCompleteness(cache.db, cache.synced).complete).toBe(true);
  });

  it('has nothing to warn about when no click is cached', () => {
    const key = cache.db
      .prepare(
        `INSERT INTO emailings (account_id, remote_id, subject) VALUES (?, 77, 'Nothing yet') RETURNING id`,
      )
      .pluck()
      .get(cache.accountId) as number;
    expect(syncCompleteness(cache.db, key)).toEqual({
      complete: true,
      cachedClicks: 0,
      reportedClicks: null,
      warning: null,
    });
  });
});

describe('getSyncCompleteness in the app', () => {
  it('is incomplete after a sync cancelled in the app, and complete once a resume finished', async () => {
    const fake = await createFakeCopernica({
      tokens: ['app-token'],
      emailings: [{ id: 900, subject: 'Cancelled', clicks: 5000 }],
    });
    const host = await BackendHost.start({ databasePath: join(tempDir(), 'cache.db'), version: '1' });
    try {
      const sync = () => host.sync({ apiBase: fake.url, token: 'app-token', emailingIds: [900] });
      fake.onRequest = (info) => {
        if (info.path.endsWith('/clicks') && info.query.get('start') === '2000') cancelled.cancel();
      };
      const cancelled = sync();
      expect(await cancelled.result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      const listed = await host.call('listCachedEmailings', {});
      const emailingKey = listed.ok ? (listed.value[0]?.key as number) : -1;
      const half = await host.call('getSyncCompleteness', { emailingKey });
      expect(half).toMatchObject({ ok: true, value: { complete: false, reportedClicks: 5000 } });
      expect(half.ok && half.value.warning).toMatch(
        /^The last sync of emailing 900 did not finish; this export holds the [\d,]+ clicks cached so far of the 5,000 that Copernica reports\.$/,
      );

      fake.onRequest = undefined;
      expect(await sync().result).toMatchObject({ ok: true });
      expect(await host.call('getSyncCompleteness', { emailingKey })).toEqual({
        ok: true,
        value: { complete: true, cachedClicks: 5000, reportedClicks: 5000, warning: null },
      });
    } finally {
      await host.close();
      await fake.close();
    }
  });
});
