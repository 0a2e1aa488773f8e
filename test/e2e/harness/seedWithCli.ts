/**
 * A cache for an end-to-end spec, filled as a user would fill it: the real CLI syncing from a
 * fake Copernica server that lives only as long as the sync.
 */
import { expect } from '@playwright/test';
import { createFakeCopernica, type FakeEmailingSpec } from '../../../src/backend/fakeApi/server';
import { runCliSync } from './cli';

/** The emailing the views and export specs explore: 20,000 clicks, a subject with an accent. */
export const springSale = {
  id: 4101,
  subject: 'Voorjaarsactie: 20 % korting op álle fietsen',
  sentAt: '2025-03-04 09:00:00',
  clicks: 20_000,
};

/** Syncs every one of `emailings` into `databasePath` with the CLI; a failed sync fails the spec. */
export async function seedWithCli(
  databasePath: string,
  token: string,
  emailings: FakeEmailingSpec[],
): Promise<void> {
  const fake = await createFakeCopernica({ port: 0, tokens: [token], emailings });
  try {
    const run = await runCliSync({
      baseUrl: fake.url,
      token,
      emailingIds: emailings.map((e) => e.id),
      databasePath,
    });
    expect(run.exitCode, run.stderr).toBe(0);
  } finally {
    await fake.close();
  }
}
