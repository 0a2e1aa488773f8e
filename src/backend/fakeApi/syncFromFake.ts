/**
 * A cache filled from the fake server as a first refresh fills it, for the benchmarks and the
 * tests: the emailing seeded by its ID (accounts/seedEmailing.ts), then its clicks synced with
 * the token `t` (the fake must accept it), in UTC unless told otherwise. Returns its key.
 */
import type Database from 'better-sqlite3';
import { seedEmailing } from '../accounts/seedEmailing';
import { CopernicaClient } from '../copernica/client';
import { syncEmailingClicks, type SyncEmailingClicksOptions } from '../sync/syncEmailingClicks';
import type { FakeCopernica } from './server';

export type FakeSyncOptions = Partial<Omit<SyncEmailingClicksOptions, 'db' | 'emailingKey' | 'emailingId'>>;

export async function syncFromFake(
  db: Database.Database,
  fake: FakeCopernica,
  emailingId: number,
  options: FakeSyncOptions = {},
): Promise<number> {
  const key = seedEmailing(db, fake.url, emailingId);
  await syncEmailingClicks({
    db,
    source: new CopernicaClient({ baseUrl: fake.url, token: 't' }),
    emailingKey: key,
    emailingId,
    timeZone: 'UTC',
    ...options,
  });
  return key;
}
