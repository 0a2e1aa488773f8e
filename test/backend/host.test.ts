import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, type SyncProgress } from '../../src/shared/contract';
import { latestSchemaVersion } from '../../src/backend/db/migrations';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { BackendHost } from '../../src/backend/host';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
let fake: FakeCopernica;
let host: BackendHost;
let databasePath: string;

beforeEach(async () => {
  fake = await createFakeCopernica({
    tokens: ['host-token'],
    emailings: [{ id: 900, subject: 'Host', clicks: 5000 }],
  });
  databasePath = join(tempDir(), 'cache.db');
  host = await BackendHost.start({ databasePath, version: '9.9.9' });
});
afterEach(async () => {
  await host.close();
  await fake.close();
});

function collect() {
  const seen: { name: string; payload: unknown }[] = [];
  host.onEvent((name, payload) => seen.push({ name, payload }));
  return seen;
}

describe('the backend worker behind BackendHost', () => {
  it('answers contract methods from its own SQLite connection', async () => {
    expect(await host.call('getAppInfo', {})).toEqual({
      ok: true,
      value: { version: '9.9.9', databasePath, schemaVersion: latestSchemaVersion },
    });
    expect(await host.call('listCachedEmailings', {})).toEqual({ ok: true, value: [] });
  });

  it('syncs in the worker, with progress events that match the contract, then lists the emailing', async () => {
    const seen = collect();
    const { result } = host.sync({ apiBase: fake.url, token: 'host-token', emailingIds: [900] });
    const outcome = await result;
    expect(outcome).toMatchObject({
      ok: true,
      value: { accountLabel: 'Development', emailings: [{ cachedRows: 5000 }] },
    });

    const progress = seen
      .filter((e) => e.name === 'syncProgress')
      .map((e) => events.syncProgress.parse(e.payload));
    expect(progress[0]?.phase).toBe('starting');
    expect(progress.at(-1)).toMatchObject<Partial<SyncProgress>>({ phase: 'done', rows: 5000, total: 5000 });
    expect(seen.some((e) => e.name === 'cacheChanged')).toBe(true);

    const listed = await host.call('listCachedEmailings', {});
    expect(listed).toMatchObject({
      ok: true,
      value: [
        { emailingId: 900, subject: 'Host', clickCount: 5000, accountLabel: 'Development', lastError: null },
      ],
    });
  });

  it('turns a failed sync into an error envelope without a stack or the token', async () => {
    const { result } = host.sync({ apiBase: fake.url, token: 'wrong-token', emailingIds: [900] });
    const outcome = await result;
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'invalid_token', message: expect.stringContaining('Invalid access token') },
    });
    expect(JSON.stringify(outcome)).not.toMatch(/wrong-token|at .*\.ts/);
  });

  it('cancels a running sync; what was committed stays', async () => {
    fake.onRequest = (info) => {
      if (info.path.endsWith('/clicks') && info.query.get('start') === '2000') sync.cancel();
    };
    const sync = host.sync({ apiBase: fake.url, token: 'host-token', emailingIds: [900] });
    expect(await sync.result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const listed = await host.call('listCachedEmailings', {});
    const count = listed.ok ? listed.value[0]?.clickCount : -1;
    expect(count).toBeGreaterThanOrEqual(1000);
    expect(count).toBeLessThan(5000);
  });

  it('notices writes by another process (a CLI run from cron) and says the cache changed', async () => {
    const seen = collect();
    const other = openDatabase(databasePath);
    other
      .prepare(`INSERT INTO accounts (label, api_base, remote_id, created_at) VALUES ('cron', 'x', 1, 'now')`)
      .run();
    other.close();
    await expect.poll(() => seen.some((e) => e.name === 'cacheChanged'), { timeout: 5000 }).toBe(true);
  });

  it('reports calls after the worker stopped as an error, not a hang', async () => {
    await host.close();
    expect(await host.call('getAppInfo', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
