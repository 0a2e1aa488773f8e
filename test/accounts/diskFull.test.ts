/**
 * A full disk during a sync, simulated with `PRAGMA max_page_count` (SQLite then raises
 * SQLITE_FULL exactly as on a full disk): the user reads that the disk is full, not "an
 * unexpected error"; the pages committed before stay; with room again the next sync resumes
 * and ends with exactly the server's clicks.
 */
import { describe, expect, it } from 'vitest';
import { diskFullError } from '../../src/backend/db/diskErrors';
import { cachedClicks, serverClicks } from '../helpers/cacheContents';
import { addAccount, keyOf, status, until, useSetup } from './setup';

const setup = useSetup();
const diskFullMessage =
  /^The disk is full: .+; what was fetched so far is kept and the sync resumes when there is room\.$/;

describe('a full disk', () => {
  it('SQLITE_FULL mid-sync says the disk is full, keeps what was committed, and the next sync resumes exactly', async () => {
    const s = await setup();
    const account = await addAccount(s.mod);
    await s.mod.handlers.refreshEmailingList({ accountId: account.id });
    const key = keyOf(s.mod, account.id, 501);
    const pages = s.db.pragma('page_count', { simple: true }) as number;
    // Room for a few pages of clicks (about 250 bytes each with the grid indexes), not for 4,321.
    s.db.pragma(`max_page_count = ${pages + 120}`);

    await s.mod.handlers.setTracked({ emailingKey: key, tracked: true });
    await until(
      () => s.progress(key).some((p) => p.phase === 'failed') && status(s.mod).syncing.length === 0,
    );

    const failed = s.progress(key).find((p) => p.phase === 'failed');
    expect(failed?.error).toMatch(diskFullMessage);
    const kept = cachedClicks(s.db, key);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(4321);
    expect(kept).toEqual(serverClicks(s.fake, 501).slice(0, kept.length));

    s.db.pragma('max_page_count = 1073741823');
    await s.mod.handlers.syncEmailings({ emailingKeys: [key] });
    await until(() => s.progress(key).at(-1)?.phase === 'done' && status(s.mod).syncing.length === 0);
    expect(cachedClicks(s.db, key)).toEqual(serverClicks(s.fake, 501));
  });

  it('SQLITE_FULL and ENOSPC map to disk_full; other errors do not', () => {
    const sqlite = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const node = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    for (const error of [sqlite, node]) {
      const mapped = diskFullError(error);
      expect(mapped?.code).toBe('disk_full');
      expect(mapped?.message).toMatch(diskFullMessage);
      expect(mapped?.cause).toBe(error);
    }
    expect(diskFullError(Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }))).toBeNull();
    expect(diskFullError(null)).toBeNull();
  });
});
