/**
 * The bot verdicts measured against the fake's truth: one mixed-mode emailing (people and
 * scanners, MixedEmailing) served by a fresh fake, synced into a fresh in-memory cache, and the
 * flagged clicks scored. The benchmark's bot_precision and bot_recall and their test both run it.
 */
import { openDatabase } from '../db/open';
import type { FakeEmailingSpec } from './data';
import { MixedEmailing, type MixedMode } from './mixedClicks';
import { createFakeCopernica } from './server';
import { type FakeSyncOptions, syncFromFake } from './syncFromFake';

export async function measureVerdictAccuracy(
  spec: FakeEmailingSpec & { mixed: MixedMode },
  seed: number,
  sync: FakeSyncOptions = {},
): Promise<{ precision: number; recall: number }> {
  const fake = await createFakeCopernica({ tokens: ['t'], seed, emailings: [spec] });
  const db = openDatabase(':memory:');
  try {
    const key = await syncFromFake(db, fake, spec.id, sync);
    const flagged = new Set(
      db.prepare('SELECT click_id FROM bot_clicks WHERE emailing_id = ?').pluck().all(key) as number[],
    );
    return new MixedEmailing(spec, seed, spec.mixed).verdictAccuracy(flagged);
  } finally {
    db.close();
    await fake.close();
  }
}
