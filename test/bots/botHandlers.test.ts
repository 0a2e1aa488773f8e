import { expect, it, vi } from 'vitest';
import { createBotHandlers } from '../../src/backend/bots/botHandlers';
import type { BackendContext } from '../../src/backend/context';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { syncFromFake } from '../../src/backend/fakeApi/syncFromFake';
import { defaultBotRules, microsoftScannerRanges } from '../../src/shared/schemas/bots';

it('keeps the rules in the cache, and a change judges every click again with progress', async () => {
  const fake = await createFakeCopernica({ tokens: ['t'], emailings: [{ id: 9, clicks: 2000, mixed: {} }] });
  const db = openDatabase(':memory:');
  try {
    await syncFromFake(db, fake, 9);
    const emit = vi.fn();
    const ctx = { db, emit, now: () => new Date('2026-01-01T00:00:00Z') } as unknown as BackendContext;
    const handlers = createBotHandlers(ctx);
    expect(handlers.getBotRules({})).toEqual(defaultBotRules);
    const network = db.prepare('SELECT COUNT(*) FROM bot_clicks WHERE reasons & 8').pluck();
    expect(network.get()).toBe(0);

    // The fake's scanners scan from 52.96.0.0/16, inside Microsoft's 52.96.0.0/12.
    const rules = {
      ...defaultBotRules,
      scannerNetwork: { enabled: true, ranges: [...microsoftScannerRanges] },
    };
    expect(handlers.updateBotRules(rules)).toEqual(rules);
    expect(handlers.getBotRules({})).toEqual(rules);
    expect(network.get() as number).toBeGreaterThan(300);
    const progress = emit.mock.calls.filter(([name]) => name === 'verdictProgress').map(([, p]) => p);
    expect(progress.at(-1)).toEqual({ done: 2000, total: 2000, finished: true });
    expect(emit).toHaveBeenCalledWith('cacheChanged', { at: '2026-01-01T00:00:00.000Z' });

    expect(() =>
      handlers.updateBotRules({ ...rules, scannerNetwork: { enabled: true, ranges: ['40.92.0.0/40'] } }),
    ).toThrow(/40\.92\.0\.0\/40/);
    expect(handlers.getBotRules({})).toEqual(rules);
  } finally {
    db.close();
    await fake.close();
  }
});
