/**
 * A damaged cache file is told apart from other failures (AppError cache_damaged) and left
 * exactly as it was: the CLI prints one line and exits 1, the app offers to move it aside
 * (test/main/cacheRecovery.test.ts).
 */
import { openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/backend/db/open';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();

function garbage(folder: string): { path: string; bytes: Buffer } {
  const path = join(folder, 'cache.db');
  const bytes = Buffer.from('PK\u0003\u0004 a zip file saved under the wrong name '.repeat(200));
  writeFileSync(path, bytes);
  return { path, bytes };
}

/** A real cache whose schema page is overwritten: the header is right, the contents malformed. */
function malformed(folder: string): string {
  const path = join(folder, 'cache.db');
  const db = openDatabase(path);
  db.pragma('journal_mode = DELETE');
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
  closeSync(fd);
  return path;
}

describe('a damaged cache file', () => {
  it('that is not a database: cache_damaged, and the file and its -wal keep their bytes', () => {
    const { path, bytes } = garbage(tempDir());
    writeFileSync(`${path}-wal`, 'not a WAL either');
    for (const readonly of [false, true]) {
      expect(() => openDatabase(path, { readonly })).toThrow(
        expect.objectContaining({ code: 'cache_damaged', message: expect.stringContaining('is damaged') }),
      );
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readFileSync(`${path}-wal`, 'utf8')).toBe('not a WAL either');
  });

  it('that is malformed behind a good header: cache_damaged', () => {
    const path = malformed(tempDir());
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ code: 'cache_damaged' }));
  });

  it('that is too short to hold a header: cache_damaged', () => {
    const path = join(tempDir(), 'cache.db');
    writeFileSync(path, 'SQLite');
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ code: 'cache_damaged' }));
  });

  it('an empty file is a new cache, not a damaged one', () => {
    const path = join(tempDir(), 'cache.db');
    writeFileSync(path, '');
    openDatabase(path).close();
  });

  describe('in the CLI', () => {
    const fake = useFakeCopernica({ tokens: ['cli-token'], emailings: [{ id: 700, clicks: 20 }] });

    it('sync and export print one line, exit 1 and leave the file untouched', async () => {
      const folder = tempDir();
      const { path, bytes } = garbage(folder);
      const runs = [
        await runCli(['sync', '--base-url', fake().url, '--emailing', '700', '--db', path], {
          COPERNICA_TOKEN: 'cli-token',
        }),
        await runCli(['export', '--emailing', '700', '--out', join(folder, 'out.csv'), '--db', path]),
      ];
      for (const run of runs) {
        expect(run.code).toBe(1);
        expect(run.stderr.trim().split('\n')).toEqual([
          `copernica-clicks: The cache file ${path} is damaged or is not a Copernica Clicks cache (file is not a database).`,
        ]);
      }
      expect(readFileSync(path).equals(bytes)).toBe(true);
    });
  });
});
