import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ClickWriter } from '../../src/backend/db/clickWriter';
import { openDatabase } from '../../src/backend/db/open';
import type { Click } from '../../src/backend/copernica/types';
import { writeBotRules } from '../../src/backend/bots/botRulesStore';
import {
  ensureVerdicts,
  judgeNewClicks,
  recomputeAllVerdicts,
  recomputeVerdicts,
} from '../../src/backend/bots/verdictPass';
import { mix } from '../../src/backend/fakeApi/data';
import { defaultBotRules } from '../../src/shared/schemas/bots';
import { formatWallClock, ZoneConverter } from '../../src/shared/wallClock';
import { SummaryUpdater } from '../../src/backend/views/summaryTables';
import { seedEmailing } from '../helpers/seedEmailing';

const agents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  'python-requests/2.31.0',
  'Firefox 3.6, WinXP',
  null,
];

/** Clicks dense enough in destinations, links, IPs and time that every rule fires often. */
function clicks(seed: number, count: number, linkSpan: (k: number) => number): Click[] {
  const list: Click[] = [];
  let second = 1_700_000_000;
  for (let k = 0; k < count; k++) {
    const h = mix(seed ^ (k * 0x9e3779b1));
    second += h % 4 === 0 ? (h >>> 4) % 400 : 0;
    const link = (h >>> 8) % linkSpan(k);
    list.push({
      id: 1000 + k,
      linkId: link,
      link: `https://example.com/${link}`,
      linkTitle: null,
      timestamp: formatWallClock(second),
      ip: (h >>> 12) % 9 === 0 ? '0.0.0.0' : `192.0.2.${(h >>> 14) % 12}`,
      userAgent: agents[(h >>> 20) % agents.length] ?? null,
      referer: null,
      emailing: 1,
      destination: (h >>> 24) % 15 === 0 ? null : 500 + ((h >>> 16) % 40),
      profile: 7,
      subprofile: null,
    });
  }
  return list;
}

function snapshot(db: Database.Database, key: number) {
  return {
    bots: db
      .prepare('SELECT click_id, reasons FROM bot_clicks WHERE emailing_id = ? ORDER BY click_id')
      .all(key),
    tallies: db
      .prepare(
        'SELECT dimension, value, clicks, clickers, human_clicks, human_clickers FROM click_tallies WHERE emailing_id = ? ORDER BY dimension, value',
      )
      .all(key),
    // Each destination's counts, whatever order its keys were written in.
    destinations: (
      db
        .prepare(
          'SELECT destination, counts FROM destination_tallies WHERE emailing_id = ? ORDER BY destination',
        )
        .all(key) as { destination: number; counts: string }[]
    ).map((row) => ({ ...row, counts: row.counts.split(' ').sort().join(' ') })),
  };
}

/**
 * Writes the clicks page by page as a sync does: the page, its summaries (destination_links),
 * then its verdicts. `timeFollowsId` is what the sync would have kept in sync_state (the
 * neighbourhood reads time windows only while it holds). Returns the cached clicks the
 * verdicts read beside the new ones, per page.
 */
function loadInPages(
  db: Database.Database,
  key: number,
  all: Click[],
  pageSizes: (page: number) => number,
  timeFollowsId = false,
): number[] {
  const writer = new ClickWriter(db, key, new ZoneConverter('Europe/Amsterdam'));
  const summaries = new SummaryUpdater(db, key);
  db.prepare(
    'INSERT INTO sync_state (emailing_id, rows, time_follows_id) VALUES (?, 0, ?) ON CONFLICT DO UPDATE SET time_follows_id = excluded.time_follows_id',
  ).run(key, timeFollowsId ? 1 : 0);
  ensureVerdicts(db, key);
  const read: number[] = [];
  let start = 0;
  for (let page = 0; start < all.length; page++) {
    const slice = all.slice(start, start + pageSizes(page));
    start += slice.length;
    db.transaction(() => {
      const written = writer.writePage(slice);
      summaries.apply(written.insertedClicks);
      read.push(
        judgeNewClicks(
          db,
          key,
          written.insertedClicks.map((c) => c.id),
        ),
      );
    }).immediate();
  }
  return read;
}

describe('verdicts judged page by page', () => {
  it.each([
    [1, false],
    [2, false],
    [3, false],
    [1, true],
    [2, true],
    [3, true],
    [4, true],
    [5, true],
  ])('equal those of one pass over every click (seed %i, times follow IDs: %s)', (seed, follows) => {
    const db = openDatabase(':memory:');
    const key = seedEmailing(db, 'https://api.example', 1);
    // Links keep appearing until late, so "every link" is won and lost along the way.
    const all = clicks(seed, 1500, (k) => Math.min(6, 2 + Math.floor(k / 300)));
    loadInPages(db, key, all, (page) => 1 + (mix(seed + page) % 60), follows);
    const paged = snapshot(db, key);
    expect(paged.bots.length).toBeGreaterThan(100);
    expect(paged.bots.length).toBeLessThan(all.length);
    recomputeVerdicts(db, key);
    expect(snapshot(db, key)).toEqual(paged);
    db.close();
  });

  it('count every click once in the whole emailing’s tally', () => {
    const db = openDatabase(':memory:');
    const key = seedEmailing(db, 'https://api.example', 1);
    const all = clicks(9, 800, () => 5);
    loadInPages(db, key, all, () => 50);
    const total = db
      .prepare(
        `SELECT clicks, clickers, human_clicks FROM click_tallies WHERE emailing_id = ? AND dimension = 'all'`,
      )
      .get(key) as { clicks: number; clickers: number; human_clicks: number };
    const flagged = db
      .prepare('SELECT COUNT(*) FROM bot_clicks WHERE emailing_id = ?')
      .pluck()
      .get(key) as number;
    const destinations = new Set(all.map((c) => c.destination).filter((d) => d !== null));
    expect(total).toEqual({ clicks: 800, clickers: destinations.size, human_clicks: 800 - flagged });
    db.close();
  });
});

describe('a page of a refresh', () => {
  it('reads the clicks near its own in time, not what is cached, while times follow click IDs', () => {
    // Forty destinations and twelve IPs: every page meets destinations and IPs with thousands
    // of cached clicks, which the neighbourhood must not read.
    const readAt = (cached: number): { perPage: number; flagged: number } => {
      const db = openDatabase(':memory:');
      const key = seedEmailing(db, 'https://api.example', 1);
      const all = clicks(7, cached + 20 * 25, () => 5);
      const read = loadInPages(db, key, all, (page) => (page === 0 ? cached : 25), true);
      const flagged = db.prepare('SELECT COUNT(*) FROM bot_clicks').pluck().get() as number;
      db.close();
      const last = read.slice(-20);
      return { perPage: last.reduce((a, b) => a + b, 0) / last.length, flagged };
    };
    const small = readAt(2_000);
    const large = readAt(20_000);
    console.log(
      `cached clicks read per page of 25 new ones: ${small.perPage.toFixed(1)} with 2,000 cached, ${large.perPage.toFixed(1)} with 20,000`,
    );
    expect(large.flagged).toBeGreaterThan(1000);
    // A destination here has 500 cached clicks and an IP 1,700: reading either whole is 100s.
    expect(large.perPage).toBeLessThan(150);
    expect(large.perPage).toBeLessThan(small.perPage * 1.5 + 10);
  });
});

describe('a rule change', () => {
  it('recomputes every emailing with progress, and a sync then finds the verdicts current', () => {
    const db = openDatabase(':memory:');
    const key = seedEmailing(db, 'https://api.example', 1);
    loadInPages(
      db,
      key,
      clicks(4, 600, () => 4),
      () => 100,
    );
    db.prepare('UPDATE sync_state SET rows = 600 WHERE emailing_id = ?').run(key);
    const before = snapshot(db, key).bots.length;
    writeBotRules(db, { ...defaultBotRules, knownAgent: { enabled: false } });
    const progress: number[] = [];
    const result = recomputeAllVerdicts(db, (done, total) => {
      expect(total).toBe(600);
      progress.push(done);
    });
    expect(progress.at(-1)).toBe(600);
    expect(result.flagged).toBeLessThan(before);
    const reasons = db.prepare('SELECT reasons FROM bot_clicks').pluck().all() as number[];
    expect(reasons.some((r) => (r & 4) !== 0)).toBe(false);
    db.close();
  });

  it.each([
    ['the known agent rule off', { knownAgent: { enabled: false } }],
    ['a longer sticky window', { sticky: { enabled: true, minutes: 90 } }],
    ['a stricter burst', { burst: { enabled: true, minLinks: 3, seconds: 1 } }],
  ])(
    'with %s leaves over the stored verdicts exactly what a recompute from nothing writes',
    (_name, change) => {
      const db = openDatabase(':memory:');
      const key = seedEmailing(db, 'https://api.example', 1);
      loadInPages(
        db,
        key,
        clicks(11, 1200, (k) => Math.min(6, 2 + Math.floor(k / 200))),
        () => 80,
      );
      const before = snapshot(db, key);
      writeBotRules(db, { ...defaultBotRules, ...change });
      recomputeVerdicts(db, key);
      const overStored = snapshot(db, key);
      expect(overStored.bots).not.toEqual(before.bots);
      db.prepare('DELETE FROM bot_clicks WHERE emailing_id = ?').run(key);
      db.prepare('DELETE FROM destination_tallies WHERE emailing_id = ?').run(key);
      recomputeVerdicts(db, key);
      expect(overStored).toEqual(snapshot(db, key));
      db.close();
    },
  );
});
