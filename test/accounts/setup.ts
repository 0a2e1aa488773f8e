/**
 * One accounts module over a temp SQLite file and a real fake Copernica server, with fast
 * retries, a quick probe and every event recorded.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { EventName, EventPayload, SyncProgress } from '../../src/shared/contract';
import type { Status } from '../../src/shared/schemas/emailings';
import {
  type AccountsModule,
  type AccountsModuleOptions,
  createAccountsModule,
} from '../../src/backend/accounts/accountsModule';
import type { BackendContext } from '../../src/backend/context';
import { type CacheDatabase, openDatabase } from '../../src/backend/db/open';
import {
  createFakeCopernica,
  type FakeCopernica,
  type FakeCopernicaOptions,
} from '../../src/backend/fakeApi/server';
import { instantSleep } from '../helpers/syncFixture';
import { useTempDir } from '../helpers/tempDir';

export const TOKEN = 'good-token-123';

export interface Setup {
  fake: FakeCopernica;
  db: CacheDatabase;
  ctx: BackendContext;
  mod: AccountsModule;
  events: { name: EventName; payload: unknown }[];
  progress(key?: number): SyncProgress[];
  /** Restarts the fake server on the same port (the network comes back). */
  reopenFake(): Promise<FakeCopernica>;
  /** A second module over the same file, as after a restart of the app. */
  restart(options?: AccountsModuleOptions): AccountsModule;
  databasePath: string;
  clock: { now: Date };
}

export function useSetup(): (options?: {
  fake?: FakeCopernicaOptions;
  module?: AccountsModuleOptions;
}) => Promise<Setup> {
  const tempDir = useTempDir();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (options = {}) => {
    const fakeOptions: FakeCopernicaOptions = {
      tokens: [TOKEN],
      emailings: [
        { id: 501, subject: 'Zomeractie – crème brûlée', sentAt: '2025-06-01 09:00:00', clicks: 4321 },
        { id: 502, subject: 'Nieuwsbrief juni', sentAt: '2025-06-10 09:00:00', clicks: 250 },
        { id: 503, subject: 'Uitnodiging 100% gratis', sentAt: '2025-06-20 09:00:00', clicks: 10 },
      ],
      ...options.fake,
    };
    let fake = await createFakeCopernica(fakeOptions);
    const port = fake.port;
    const databasePath = join(tempDir(), 'cache.db');
    const db = openDatabase(databasePath);
    const events: Setup['events'] = [];
    const clock = { now: new Date('2025-07-01T12:00:00Z') };
    const ctx: BackendContext = {
      db,
      databasePath,
      version: 'test',
      copernicaOrigin: `http://127.0.0.1:${port}`,
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void events.push({ name, payload }),
      logError: (message, error) => console.error(message, error),
      now: () => clock.now,
    };
    const moduleOptions: AccountsModuleOptions = {
      client: { sleep: instantSleep, maxAttempts: 2, timeoutMs: 5000 },
      probeIntervalMs: 50,
      progressIntervalMs: 100,
      ...options.module,
    };
    const modules: AccountsModule[] = [createAccountsModule(ctx, moduleOptions)];
    cleanups.push(async () => {
      for (const m of modules) await m.close();
      db.close();
      await fake.close();
    });
    const setup: Setup = {
      get fake() {
        return fake;
      },
      db,
      ctx,
      mod: modules[0] as AccountsModule,
      events,
      databasePath,
      clock,
      progress: (key) =>
        events
          .filter((e) => e.name === 'syncProgress')
          .map((e) => e.payload as SyncProgress)
          .filter((p) => key === undefined || p.emailingKey === key),
      async reopenFake() {
        fake = await createFakeCopernica({ ...fakeOptions, port });
        return fake;
      },
      restart(extra) {
        const m = createAccountsModule(ctx, { ...moduleOptions, ...extra });
        modules.push(m);
        return m;
      },
    };
    return setup;
  };
}

/** Adds an account the way main does: verify, create, hand over the token. */
export async function addAccount(
  mod: AccountsModule,
  input: { label?: string; token?: string; apiVersion?: 'v2' | 'v3'; timeZone?: string } = {},
) {
  const apiVersion = input.apiVersion ?? 'v2';
  const token = input.token ?? TOKEN;
  const identity = await mod.internal.verifyToken({ apiVersion, token });
  const account = await mod.internal.createAccount({
    label: input.label ?? 'Client A',
    apiVersion,
    timeZone: input.timeZone ?? 'Europe/Amsterdam',
    ...identity,
  });
  await mod.internal.setCredentials([{ accountId: account.id, token }]);
  return account;
}

export async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function keyOf(mod: AccountsModule, accountId: number, emailingId: number): number {
  const list = mod.handlers.listEmailings({ accountId }) as { key: number; emailingId: number }[];
  const found = list.find((e) => e.emailingId === emailingId);
  if (!found) throw new Error(`emailing ${emailingId} not listed`);
  return found.key;
}

/** getStatus answers synchronously in the module; tests read it without awaiting. */
export function status(mod: AccountsModule): Status {
  return mod.handlers.getStatus({}) as Status;
}
