/**
 * A cache for the report tests: three emailings of one account, synced from the fake Copernica
 * (their links carry utm_* parameters that differ per emailing), and a fourth, 44, whose clicks
 * are written by hand with what a client report must survive: a 300-character link title, one
 * with emoji and a flag, accents and €, Copernica's system links, and clicks over five days.
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
import { parseCopernicaStatistics } from '../../src/backend/figures/copernicaStatistics';
import { recordStatistics } from '../../src/backend/figures/statisticsSnapshots';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { refreshSummaries } from '../../src/backend/views/summaryTables';
import { formatWallClock, parseWallClock, ZoneConverter } from '../../src/shared/wallClock';
import { emailingKeyOf } from '../helpers/cacheContents';

export const LONG_TITLE = Array.from({ length: 30 }, (_, i) => `woord${String(i).padStart(2, '0')}é€`)
  .join(' ')
  .padEnd(300, 'x');
export const EMOJI_TITLE = 'Zomer 😀 sale 🇳🇱 – café €5';
export const SENT_44 = '2024-06-03 09:00:00';

export const STATISTICS_FETCHED_AT = new Date('2024-06-10T06:00:00Z');

/** Statistics bodies as Copernica's v3 call sends them (numbers as strings here and there). */
export const statistics: Record<51 | 53 | 44, unknown> = {
  51: {
    destinations: '8000',
    deliveries: { total: 7900 },
    errors: { total: 100, unique: 100 },
    impressions: { total: 3500, unique: 2800 },
    clicks: { total: 1200, unique: 600 },
    unsubscribes: { total: 10, unique: 10 },
    abuses: { total: 0, unique: 0 },
    dominant_results: {
      destinations: 8000,
      errors: 100,
      abuses: 0,
      unsubscribes: 10,
      clicks: 590,
      impressions: 2200,
      deliveries: 0,
    },
  },
  53: {
    destinations: 10000,
    deliveries: { total: 9800 },
    errors: { total: 200, unique: 200 },
    impressions: { total: 4000, unique: 3100 },
    clicks: { total: 1500, unique: 700 },
    unsubscribes: { total: 12, unique: 12 },
    abuses: { total: 1, unique: 1 },
    dominant_results: {
      destinations: 10000,
      errors: 200,
      abuses: 1,
      unsubscribes: 12,
      clicks: 690,
      impressions: 2400,
      deliveries: 0,
    },
  },
  44: {
    destinations: 120,
    errors: { total: 2, unique: 2 },
    impressions: { total: 60, unique: 40 },
    clicks: { total: 14, unique: 6 },
    unsubscribes: { total: 1, unique: 1 },
    abuses: { total: 0, unique: 0 },
  },
};

function handWrittenClicks(): Click[] {
  const links: [string, string][] = [
    [`https://shop.example.nl/zomer?utm_source=copernica&utm_campaign=44`, EMOJI_TITLE],
    [`https://shop.example.nl/lang?utm_medium=email&ref=nl`, LONG_TITLE],
    ['{unsubscribe}', 'Afmelden'],
    ['{webversion}', 'Bekijk online'],
    ['https://www.facebook.com/sharer/sharer.php?u=https://shop.example.nl', 'Deel'],
  ];
  const sent = parseWallClock(SENT_44)!;
  const clicks: Click[] = [];
  // Hours after sending; the last clicks fall on day 4, after the two hourly days.
  const hours = [0.2, 0.5, 1, 1, 2, 5, 9, 20, 30, 47, 50, 60, 75, 98, 99];
  hours.forEach((h, i) => {
    const [link, title] = links[i % links.length]!;
    clicks.push({
      id: 44_000 + i,
      linkId: 4400 + (i % links.length),
      link,
      linkTitle: title,
      timestamp: formatWallClock(Math.floor(sent + h * 3600)),
      ip: `10.4.0.${i}`,
      userAgent: 'Mozilla/5.0',
      referer: null,
      emailing: 44,
      destination: 700 + (i % 6),
      profile: 8_000 + (i % 6),
      subprofile: null,
    });
  });
  return clicks;
}

export interface ReportCache {
  db: Database.Database;
  path: string;
  /** Emailings 51 to 54 synced from the fake (54 mixes people and scanners), and 44 written by hand. */
  keys: { 51: number; 52: number; 53: number; 54: number; 44: number };
}

export async function seedReportCache(path: string): Promise<ReportCache> {
  const fake = await createFakeCopernica({
    tokens: ['t'],
    emailings: [
      { id: 51, subject: 'Nieuwsbrief januari', clicks: 1_200, sentAt: '2024-01-08 09:00:00' },
      { id: 52, subject: 'Nieuwsbrief februari', clicks: 900, sentAt: '2024-02-05 09:00:00' },
      { id: 53, subject: 'Nieuwsbrief maart', clicks: 1_500, sentAt: '2024-03-04 09:00:00' },
      // People and scanners: the bot verdicts and the device breakdown have something to show.
      {
        id: 54,
        subject: 'Zakelijke nieuwsbrief',
        clicks: 1_000,
        sentAt: '2024-04-01 09:00:00',
        mixed: { botShare: 0.3 },
      },
      {
        id: 44,
        subject: 'Zomer – een onderwerp dat lang genoeg is om over twee regels te lopen op de eerste pagina',
        clicks: 0,
        sentAt: SENT_44,
      },
    ],
  });
  const db = openDatabase(path);
  const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
  await runSync({ db, source: client, plan: await planSync(client, fake.url, [51, 52, 53, 54, 44]) });
  await fake.close();
  const key44 = emailingKeyOf(db, 44);
  db.transaction(() =>
    new ClickWriter(db, key44, new ZoneConverter('Europe/Amsterdam')).writePage(handWrittenClicks()),
  )();
  refreshSummaries(db, key44);
  const keys = {
    51: emailingKeyOf(db, 51),
    52: emailingKeyOf(db, 52),
    53: emailingKeyOf(db, 53),
    54: emailingKeyOf(db, 54),
    44: key44,
  };
  // Copernica's statistics of three of them, as a refresh keeps them; 52 has none (its figures are "—").
  for (const [id, body] of Object.entries(statistics))
    recordStatistics(
      db,
      keys[Number(id) as keyof typeof keys],
      parseCopernicaStatistics(body),
      STATISTICS_FETCHED_AT,
    );
  return {
    db,
    path,
    keys,
  };
}

export function useReportCache(): () => ReportCache {
  let dir: string;
  let cache: ReportCache | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'copernica-report-'));
    cache = await seedReportCache(join(dir, 'cache.db'));
  });
  afterAll(() => {
    cache?.db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!cache) throw new Error('the report cache is used before beforeAll');
    return cache;
  };
}
