/**
 * A worker that dies is started again, and what it logs reaches the host's logger: the two
 * promises main's log and the window's notice rest on.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { BackendHost, type HostLogger } from '../../src/backend/host';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
let fake: FakeCopernica;
let host: BackendHost;
let databasePath: string;
const logged: { level: 'warn' | 'error'; message: string; details: unknown }[] = [];
const log: HostLogger = {
  warn: (message, details) => logged.push({ level: 'warn', message, details }),
  error: (message, details) => logged.push({ level: 'error', message, details }),
};

beforeEach(async () => {
  logged.length = 0;
  fake = await createFakeCopernica({
    tokens: ['host-token'],
    emailings: [{ id: 900, subject: 'Host', clicks: 5000 }],
  });
  databasePath = join(tempDir(), 'cache.db');
  host = await BackendHost.start({ databasePath, version: '9.9.9', log });
});
afterEach(async () => {
  await host.close();
  await fake.close();
});

/** The worker behind the host, to kill it as a native crash would. */
function workerOf(backend: BackendHost): Worker {
  return (backend as unknown as { worker: Worker }).worker;
}

describe('a backend worker that dies', () => {
  it('ends the calls in flight with backend_restarted, restarts, says so, and answers the next call', async () => {
    const seen: string[] = [];
    host.onEvent((name) => seen.push(name));
    const dying = workerOf(host);
    // Killed while it waits for Copernica's answer: the sync is surely in flight.
    fake.onRequest = () => void dying.terminate();
    const sync = host.sync({ apiBase: fake.url, token: 'host-token', emailingIds: [900] });

    expect(await sync.result).toEqual({
      ok: false,
      error: {
        code: 'backend_restarted',
        message: 'The background worker stopped and was restarted; try again.',
      },
    });
    fake.onRequest = undefined;
    // Sent while the new worker starts: queued, then answered by it.
    expect(await host.call('getAppInfo', {})).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    await expect.poll(() => seen, { timeout: 5000 }).toContain('backendRestarted');
    expect(workerOf(host)).not.toBe(dying);
    expect(
      logged.some((line) => line.level === 'error' && /worker stopped.*starting it again/.test(line.message)),
    ).toBe(true);
  });

  it('is not restarted without end when it keeps dying', async () => {
    for (let death = 1; death <= 4; death++) {
      const worker = workerOf(host);
      await worker.terminate();
      // Wait for the new worker (or, after the third restart, for the host to give up).
      await expect
        .poll(() => workerOf(host) !== worker || logged.some((l) => /not started another/.test(l.message)), {
          timeout: 20_000,
        })
        .toBe(true);
    }
    expect(logged.some((line) => /not started another time/.test(line.message))).toBe(true);
    expect(await host.call('getAppInfo', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe("the worker's unexpected errors", () => {
  it('reach the host logger with their stack, while the caller gets the generic message', async () => {
    // A cache broken under the worker's feet: SQLite's error is no AppError, so it is a bug to log.
    const other = openDatabase(databasePath);
    other.exec('DROP VIEW IF EXISTS emailing_list; ALTER TABLE emailings RENAME TO emailings_gone');
    other.close();

    const answer = await host.call('listCachedEmailings', {});
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('in the log') },
    });
    const line = logged.find((entry) => entry.message.startsWith('[backend]'));
    expect(line?.level).toBe('error');
    expect(String(line?.details)).toMatch(/no such table[\s\S]*\n\s+at /);
  });

  it('a message no host of ours sends is refused with an answer, not a crash', async () => {
    workerOf(host).postMessage({ kind: 'call', id: 'not a number', method: 'getAppInfo', input: {} });
    workerOf(host).postMessage({
      kind: 'internal',
      id: 999_999,
      method: 'setCredentials',
      input: [{ token: 5 }],
    });
    await expect.poll(() => logged.filter((l) => l.message.includes('refused a message')).length).toBe(1);
    expect(await host.internal('setCredentials', [{ accountId: -1, token: null }])).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('setCredentials') },
    });
    expect(await host.call('getAppInfo', {})).toMatchObject({ ok: true });
  });
});
