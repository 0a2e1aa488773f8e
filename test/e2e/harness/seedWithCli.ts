/**
 * A cache for an end-to-end spec, filled as a user would fill it: the real CLI syncing from a
 * fake Copernica server that lives only as long as the sync.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { createFakeCopernica, type FakeEmailingSpec } from '../../../src/backend/fakeApi/server';
import type { ApiVersion } from '../../../src/shared/schemas/accounts';
import { runCliSync } from './cli';
import { type Harness, startHarness } from './harness';

/** The emailing the views and export specs explore: 20,000 clicks, a subject with an accent. */
export const springSale = {
  id: 4101,
  subject: 'Voorjaarsactie: 20 % korting op álle fietsen',
  sentAt: '2025-03-04 09:00:00',
  clicks: 20_000,
};

/**
 * Syncs every one of `emailings` into `databasePath` with the CLI, the account on REST
 * `apiVersion` (the fake's v2 by default); a failed sync fails the spec.
 */
export async function seedWithCli(
  databasePath: string,
  token: string,
  emailings: FakeEmailingSpec[],
  apiVersion: ApiVersion = 'v2',
): Promise<void> {
  const fake = await createFakeCopernica({ port: 0, tokens: [token], emailings });
  try {
    const run = await runCliSync({
      baseUrl: fake.url.replace(/v2$/, apiVersion),
      token,
      emailingIds: emailings.map((e) => e.id),
      databasePath,
    });
    expect(run.exitCode, run.stderr).toBe(0);
  } finally {
    await fake.close();
  }
}

/** What a spec's cache holds: `emailings` seeded as above, and what the spec reads from it before the app opens it. */
export interface SpecSeed {
  token: string;
  emailings: FakeEmailingSpec[];
  apiVersion?: ApiVersion;
  inspect?: (databasePath: string) => void;
}

/**
 * A spec's app over a cache of its own in a new temporary folder (`copernica-NAME-…`), seeded
 * unless `seed` is null, which closing the harness removes.
 */
export async function startSeededHarness(name: string, seed: SpecSeed | null): Promise<Harness> {
  const folder = mkdtempSync(join(tmpdir(), `copernica-${name}-`));
  const databasePath = join(folder, 'cache.db');
  if (seed) {
    await seedWithCli(databasePath, seed.token, seed.emailings, seed.apiVersion);
    seed.inspect?.(databasePath);
  }
  return startHarness({ databasePath, removeOnClose: folder });
}
