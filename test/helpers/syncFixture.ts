/**
 * What the sync tests set up around a run: a fake server and an empty in-memory cache per test,
 * clients that retry without waiting, and a sync planned and run as the app's queue does it.
 */
import type Database from 'better-sqlite3';
import { CopernicaClient, type CopernicaClientOptions } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import {
  createFakeCopernica,
  type FakeCopernica,
  type FakeCopernicaOptions,
} from '../../src/backend/fakeApi/server';
import { type EmailingRef, planSync, runSync } from '../../src/backend/sync/runSync';
import type { SyncProgress } from '../../src/shared/contract';

/** Retries at once; a cancelled signal still ends the wait, as the real sleep's does. */
export const instantSleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
  signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();

export interface FakeAndCache {
  fake: FakeCopernica;
  db: Database.Database;
}

export async function openFakeAndCache(options: FakeCopernicaOptions): Promise<FakeAndCache> {
  return { fake: await createFakeCopernica(options), db: openDatabase(':memory:') };
}

export async function closeFakeAndCache({ fake, db }: Partial<FakeAndCache>): Promise<void> {
  db?.close();
  await fake?.close();
}

/** A client of `baseUrl` that retries at once and gives up on a silent server after two seconds. */
export function instantClient(
  baseUrl: string,
  token: string,
  options: Partial<CopernicaClientOptions> = {},
): CopernicaClient {
  return new CopernicaClient({ baseUrl, token, sleep: instantSleep, timeoutMs: 2000, ...options });
}

export interface SyncRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

/** Plans the sync of `refs` on `apiBase` and runs it into `db`, as the app's queue does. */
export async function planAndRunSync(
  db: Database.Database,
  source: CopernicaClient,
  apiBase: string,
  refs: (number | EmailingRef)[],
  options: SyncRunOptions = {},
) {
  const plan = await planSync(source, apiBase, refs, options.signal);
  return runSync({ db, source, plan, signal: options.signal, onProgress: options.onProgress });
}

/**
 * A signal that cancels a sync (and so fails its test) once the fake has answered more than
 * `limit` requests, counted from now: the fake's request log starts again.
 */
export function runawayGuard(fake: FakeCopernica, limit: number): AbortSignal {
  const runaway = new AbortController();
  fake.onRequest = (info) => {
    if (info.number > limit) runaway.abort();
  };
  fake.resetStats();
  return runaway.signal;
}
