/**
 * "A failure part-way leaves no file", once for every export writer: generated rows go through
 * the format's table writer to a disk that fails at a chunk, or through `writeExport` from a
 * source that fails at a row; either the file is whole or there is none, and no temporary file.
 */
import fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type ChunkWriter, writeFileAtomically } from '../../src/backend/export/atomicFile';
import { type FileFormat, writeExport } from '../../src/backend/export/exportFile';
import type { ExportColumn, ExportValue } from '../../src/backend/export/table';
import { AppError } from '../../src/shared/errors';
import { columns, failingAt, text } from './exportValues';

export interface FailedWriteCase {
  /** The writer's name in the printed count, e.g. `CSV writer`. */
  label: string;
  file: string;
  format: FileFormat;
  /** Text repeated this often, so that a few rows fill several chunks. */
  textRepeat: number;
  maxRows: number;
  maxFailAtChunk: number;
  /** The failing row is the failing chunk times this. */
  rowsPerChunk: number;
  numRuns: number;
  /** Fewer failures than this and the property did not test what it says. */
  minFailed: number;
  /** Writes `data` with the format's table writer to `chunks`. */
  writeTable: (chunks: ChunkWriter, columns: ExportColumn[], data: ExportValue[][]) => Promise<void>;
  /** How many rows, the header with them, the written file holds. */
  rowsIn: (out: string) => Promise<number>;
}

export async function expectNoFileAfterFailedWrites(
  c: FailedWriteCase,
  tempDir: () => string,
): Promise<void> {
  const outcomes = { failed: 0, written: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.tuple(
          text.map((t) => t.repeat(c.textRepeat)),
          fc.integer(),
        ),
        { minLength: 200, maxLength: c.maxRows },
      ),
      fc.integer({ min: 1, max: c.maxFailAtChunk }),
      fc.boolean(),
      async (data, failAt, diskFails) => {
        const dir = tempDir();
        const out = join(dir, c.file);
        const twoColumns = columns.slice(0, 2);
        const write = diskFails
          ? writeFileAtomically(out, (chunks) => c.writeTable(failingAt(chunks, failAt), twoColumns, data))
          : writeExport(out, c.format, [
              { name: 'T', columns: twoColumns, rows: rowsFailingAt(data, failAt * c.rowsPerChunk) },
            ]);
        const outcome = await write.then(
          () => 'written',
          (error: unknown) => error,
        );
        outcomes[outcome === 'written' ? 'written' : 'failed']++;
        if (outcome === 'written') {
          // Too few chunks or rows to reach the failure: the file is whole.
          expect(await c.rowsIn(out)).toBe(data.length + 1);
        } else {
          expect(outcome).toBeInstanceOf(diskFails ? AppError : Error);
          expect(existsSync(out)).toBe(false);
          expect(readdirSync(dir)).toEqual([]);
        }
      },
    ),
    { numRuns: c.numRuns },
  );
  console.log(
    `${c.label} failures: ${c.numRuns} inputs, ${outcomes.failed} failed part-way, ${outcomes.written} whole`,
  );
  expect(outcomes.failed).toBeGreaterThan(c.minFailed);
}

/** Rows that fail at row `failAt`, as a broken source (the database) would. */
function* rowsFailingAt(data: readonly ExportValue[][], failAt: number): Generator<ExportValue[]> {
  for (const [i, values] of data.entries()) {
    if (i === failAt) throw new Error('the source failed');
    yield values;
  }
}
