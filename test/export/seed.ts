/**
 * A cache for the export tests: emailing 42 synced from the fake Copernica (its titles and user
 * agents carry commas, quotes, `=…` and `-50%…`), and emailing 43 whose clicks were written by
 * hand with the edge cases: formula triggers, quotes, line breaks, non-ASCII and emoji, nulls,
 * characters XML cannot hold, and wall clocks on the 2024 Amsterdam DST changes.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import type { Click } from '../../src/backend/copernica/types';
import { ClickWriter } from '../../src/backend/db/clickWriter';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { ZoneConverter } from '../../src/shared/wallClock';
import { refreshSummaries } from '../../src/backend/views/summaryTables';
import { emailingKeyOf } from '../helpers/cacheContents';

export const SYNCED_CLICKS = 2_500;

export const edgeTexts = {
  formulas: ['=SUM(1+9)*cmd', '-50% op alles', '@SUM(A1)', '+31 20 123', '\tTab first', '\rCR first'],
  quoted: 'Say "hi", then, leave',
  multiline: 'line one\nline two\r\nline three',
  unicode: 'Crème brûlée – über 😀 🇳🇱',
  invalidXml: 'bell\u0007 and nul\u0000 and lone \uD800 surrogate',
} as const;

/** Wall clocks as Copernica sends them (Amsterdam), including the two 2024 DST changes. */
export const edgeTimes = [
  '2024-03-31 01:59:59',
  '2024-03-31 02:30:00', // does not exist in Amsterdam (clocks jump 02:00 → 03:00)
  '2024-03-31 03:00:01',
  '2024-10-27 02:30:00', // happens twice in Amsterdam
  '2024-10-27 03:00:00',
  '2024-12-31 23:59:59',
];

export function edgeClicks(): Click[] {
  const titles = [
    ...edgeTexts.formulas,
    edgeTexts.quoted,
    edgeTexts.multiline,
    edgeTexts.unicode,
    edgeTexts.invalidXml,
    null,
  ];
  return titles.map((title, i) => ({
    id: 9_000 + i,
    linkId: 100 + i,
    link: `https://example.com/p?a=${i}&b=<x>`,
    linkTitle: title,
    timestamp: edgeTimes[i % edgeTimes.length] as string,
    ip: i % 3 === 0 ? null : `10.0.0.${i}`,
    userAgent: i === 0 ? '=HYPERLINK("http://evil")' : i % 2 ? edgeTexts.unicode : null,
    referer: i === 1 ? '-2+3' : null,
    emailing: 43,
    destination: 500 + i,
    profile: i % 4 === 3 ? null : 7_000 + (i % 5),
    subprofile: i % 2 ? 8_000 + i : null,
  }));
}

export interface SeededCache {
  db: Database.Database;
  path: string;
  synced: number;
  edge: number;
  accountId: number;
  close(): Promise<void>;
}

export async function seedCache(path: string): Promise<SeededCache> {
  const fake = await createFakeCopernica({
    tokens: ['t'],
    emailings: [
      { id: 42, subject: 'Najaarsactie "2024"', clicks: SYNCED_CLICKS, sentAt: '2024-10-26 09:00:00' },
      { id: 43, subject: 'Edge cases', clicks: 0 },
    ],
  });
  const db = openDatabase(path);
  const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
  await runSync({ db, source: client, plan: await planSync(client, fake.url, [42, 43]) });
  await fake.close();
  const edge = emailingKeyOf(db, 43);
  db.transaction(() =>
    new ClickWriter(db, edge, new ZoneConverter('Europe/Amsterdam')).writePage(edgeClicks()),
  )();
  refreshSummaries(db, edge);
  const accountId = (
    db.prepare('SELECT account_id AS a FROM emailings WHERE id = ?').get(edge) as { a: number }
  ).a;
  return {
    db,
    path,
    synced: emailingKeyOf(db, 42),
    edge,
    accountId,
    close: async () => {
      db.close();
    },
  };
}

/** One seeded cache for a whole test file, in a folder of its own, closed and removed after. */
export function useSeededCache(prefix: string): () => SeededCache {
  let cacheDir: string;
  let cache: SeededCache | undefined;
  beforeAll(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), prefix));
    cache = await seedCache(join(cacheDir, 'cache.db'));
  });
  afterAll(async () => {
    await cache?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  return () => {
    if (cache === undefined) throw new Error('the seeded cache is used before beforeAll');
    return cache;
  };
}
