/**
 * The page cache a cache file is opened with. A refresh into a million cached clicks dirties
 * leaves all over the grid and summary indexes (random IPs, profiles, destinations): with too
 * small a cache each commit group reads them again from the file and spills them to the WAL
 * before it commits (`npm run bench -- refresh` measures the effect; this pins the setting).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/backend/db/open';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();

it('opens every cache with a page cache of at least 256 MB, the working set of a refresh at a million clicks', () => {
  const db = openDatabase(join(tempDir(), 'cache.db'));
  try {
    // Negative: a size in KiB rather than in pages.
    const kib = -(db.pragma('cache_size', { simple: true }) as number);
    expect(kib).toBeGreaterThanOrEqual(256 * 1024);
  } finally {
    db.close();
  }
});
