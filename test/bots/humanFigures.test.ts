import { expect, it } from 'vitest';
import { openDatabase } from '../../src/backend/db/open';
import { CacheClickFigures } from '../../src/backend/figures/cacheClickFigures';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { syncFromFake } from '../../src/backend/fakeApi/syncFromFake';

it('leaves the suspected bots out of the human figures, alike from the tallies and over a period', async () => {
  const fake = await createFakeCopernica({ tokens: ['t'], emailings: [{ id: 5, clicks: 3000, mixed: {} }] });
  const db = openDatabase(':memory:');
  try {
    const key = await syncFromFake(db, fake, 5, { commitGroup: { rows: 500, ms: 0 } });
    const flagged = db.prepare('SELECT COUNT(*) FROM bot_clicks').pluck().get() as number;
    const humanClickers = db
      .prepare(
        `SELECT COUNT(DISTINCT destination) FROM clicks c
          WHERE NOT EXISTS (SELECT 1 FROM bot_clicks b WHERE b.emailing_id = c.emailing_id AND b.click_id = c.id)`,
      )
      .pluck()
      .get() as number;
    const burst = db.prepare('SELECT COUNT(*) FROM bot_clicks WHERE reasons & 1').pluck().get() as number;
    const figures = new CacheClickFigures(db);
    const whole = figures.figures(key);
    expect(flagged).toBeGreaterThan(500);
    expect(whole).toMatchObject({
      clicks: 3000,
      botClicks: flagged,
      humanClicks: 3000 - flagged,
      humanUniqueClickers: humanClickers,
    });
    expect(whole.botClicksByReason.burst).toBe(burst);
    expect(whole.humanUniqueClickers).toBeLessThan(whole.uniqueClickers);
    const period = figures.figures(key, { from: '2000-01-01 00:00:00', to: '2100-01-01 00:00:00' });
    expect(period).toEqual(whole);
  } finally {
    db.close();
    await fake.close();
  }
});
