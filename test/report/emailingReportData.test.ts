import { describe, expect, it } from 'vitest';
import {
  emailingReportData,
  rankedLinks,
  WHOLE_EMAILING_LINK_TOTALS,
} from '../../src/backend/report/emailingReport';
import { parseScope } from '../../src/backend/report/scopeSql';
import { useReportCache } from './reportSeed';

const cache = useReportCache();
/** A filter every click passes: the same clicks, counted from the clicks instead of the totals the sync keeps. */
const everything = parseScope({
  filterModel: { id: { filterType: 'number', type: 'greaterThan', filter: 0 } },
});
const whole = parseScope({});

describe('the report of one emailing, from the cache', () => {
  it.each([51, 53, 44] as const)(
    'reads the same links and profiles from the kept totals as from the clicks (emailing %s)',
    (id) => {
      const { db, keys } = cache();
      const fromTotals = emailingReportData(db, keys[id], whole);
      const fromClicks = emailingReportData(db, keys[id], everything);
      expect(fromTotals.figures.cache).toEqual(fromClicks.figures.cache);
      expect(rankedLinks(db, keys[id], whole, 100)).toEqual(rankedLinks(db, keys[id], everything, 100));
      expect(fromTotals.profiles).toEqual(fromClicks.profiles);
      expect(fromTotals.timeline).toEqual(fromClicks.timeline);
      expect([fromTotals.firstClick, fromTotals.lastClick]).toEqual([
        fromClicks.firstClick,
        fromClicks.lastClick,
      ]);
    },
  );

  it("counts each link's unique clickers of a whole emailing along an index, not by sorting every pair", () => {
    const { db, keys } = cache();
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${WHOLE_EMAILING_LINK_TOTALS}`).all(keys[51], keys[51]) as {
        detail: string;
      }[]
    ).map((step) => step.detail);
    expect(plan).toContainEqual(expect.stringContaining('COVERING INDEX destination_links_by_link'));
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
    // And the counts are the distinct destinations of each link's clicks.
    const counted = db
      .prepare(
        `SELECT link, COUNT(DISTINCT destination) AS n FROM clicks
          WHERE emailing_id = ? AND link IS NOT NULL GROUP BY link`,
      )
      .all(keys[51]) as { link: number; n: number }[];
    const kept = db.prepare(WHOLE_EMAILING_LINK_TOTALS).all(keys[51], keys[51]) as {
      link: number;
      uniqueClickers: number;
    }[];
    expect(counted.length).toBeGreaterThan(1);
    expect(kept.map((l) => ({ link: l.link, n: l.uniqueClickers })).sort((a, b) => a.link - b.link)).toEqual(
      counted,
    );
  });

  it('leaves the suspected bots out of the links and profiles when the switch says so', () => {
    const { db, keys } = cache();
    const key = keys[54];
    const kept = emailingReportData(db, key, whole);
    const left = emailingReportData(db, key, parseScope({ excludeBots: true }));
    const clicksOf = (data: typeof kept) =>
      [...data.contentLinks, ...data.systemLinks].reduce((sum, l) => sum + l.clicks, 0);
    expect(left.moreContentLinks).toBe(0);
    expect(left.figures.cache.clicks).toBeLessThan(kept.figures.cache.clicks);
    expect(clicksOf(left)).toBe(left.figures.cache.clicks);
    expect(clicksOf(kept)).toBe(kept.figures.cache.clicks);
    const shares = [...left.contentLinks, ...left.systemLinks].reduce((sum, l) => sum + l.share, 0);
    expect(shares).toBeCloseTo(1, 10);
    const personsClicks = db.prepare(
      `SELECT COUNT(*) FROM clicks c WHERE c.emailing_id = ? AND c.profile = ?
          AND NOT EXISTS (SELECT 1 FROM bot_clicks b WHERE b.emailing_id = c.emailing_id AND b.click_id = c.id)`,
    );
    for (const p of left.profiles) expect(p.clicks).toBe(personsClicks.pluck().get(key, p.profile));
  });

  it('counts per hour for two days from the send time, then per day', () => {
    const { db, keys } = cache();
    const { timeline, figures } = emailingReportData(db, keys[44], whole);
    expect(timeline.hourly).toHaveLength(48);
    expect(timeline.hourly[0]!.start).toBe(Date.parse('2024-06-03T09:00:00Z') / 1000);
    // Clicks at 50, 60, 75, 98 and 99 hours: days 5, 6 and 7 June after the hourly part.
    expect(timeline.daily.map((d) => d.clicks)).toEqual([2, 1, 2]);
    const counted = [...timeline.hourly, ...timeline.daily].reduce((sum, b) => sum + b.clicks, 0);
    expect(counted).toBe(figures.cache.clicks);
  });

  it('ranks content links and keeps the system links apart, every click in one of them', () => {
    const { db, keys } = cache();
    const data = emailingReportData(db, keys[44], whole);
    expect(data.contentLinks.map((l) => l.kind)).toEqual(['content', 'content']);
    expect(data.systemLinks.map((l) => l.kind).sort()).toEqual(['social', 'unsubscribe', 'webversion']);
    const sum = [...data.contentLinks, ...data.systemLinks].reduce((s, l) => s + l.clicks, 0);
    expect(sum).toBe(15);
    expect(data.contentLinks[0]!.share).toBeCloseTo(3 / 15, 10);
  });
});
