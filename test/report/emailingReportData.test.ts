import { describe, expect, it } from 'vitest';
import { emailingReportData, rankedLinks } from '../../src/backend/report/emailingReport';
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
