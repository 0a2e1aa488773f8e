/**
 * A disk that fills up in the middle of an export: the write stream fails with ENOSPC after the
 * first megabyte. The export must fail with a clear io_error, leave no partial file, and leave an
 * earlier file of the same name as it was.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type * as Fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportReport } from '../../src/backend/export/report';
import { defaultColumns } from '../../src/backend/export/viewColumns';
import { exportView } from '../../src/backend/export/viewExport';
import { useTempDir } from '../helpers/tempDir';
import { useSeededCache } from './seed';

const disk = vi.hoisted(() => ({ full: false, limit: 64 * 1024 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const createWriteStream = ((path: Fs.PathLike, options?: Parameters<typeof fs.createWriteStream>[1]) => {
    const stream = fs.createWriteStream(path, options);
    if (!disk.full) return stream;
    let written = 0;
    const write = stream._write.bind(stream);
    stream._writev = undefined;
    stream._write = (chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void) => {
      written += chunk.length;
      if (written <= disk.limit) return write(chunk, encoding, callback);
      callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    };
    return stream;
  }) as typeof fs.createWriteStream;
  return { ...fs, default: { ...fs, createWriteStream }, createWriteStream };
});

const tempDir = useTempDir();
const cache = useSeededCache('copernica-export-');
afterEach(() => {
  disk.full = false;
});

describe('a full disk', () => {
  it.each(['csv', 'xlsx'] as const)(
    'fails a %s export with io_error and leaves the earlier file intact',
    async (format) => {
      const dir = tempDir();
      const out = join(dir, `clicks.${format}`);
      writeFileSync(out, 'yesterday');
      disk.full = true;
      await expect(
        exportView(cache().db, {
          view: 'clicks',
          emailingKey: cache().synced,
          columns: defaultColumns('clicks'),
          format,
          csv: { delimiter: ',', bom: true, guardFormulas: true },
          out,
        }),
      ).rejects.toMatchObject({ code: 'io_error', message: `Cannot write ${out}: the disk is full.` });
      expect(readdirSync(dir)).toEqual([`clicks.${format}`]);
      expect(readFileSync(out, 'utf8')).toBe('yesterday');
    },
  );

  it('fails the report the same way, and the next export works', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.xlsx');
    disk.full = true;
    await expect(exportReport(cache().db, { emailingKey: cache().synced, out })).rejects.toMatchObject({
      code: 'io_error',
    });
    expect(readdirSync(dir)).toEqual([]);
    disk.full = false;
    await exportReport(cache().db, { emailingKey: cache().synced, out });
    expect(existsSync(out)).toBe(true);
  });
});
