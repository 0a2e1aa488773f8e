/**
 * Writes tables to one file, CSV or xlsx, whole or not at all (atomicFile.ts): rows are pulled
 * from their source as the writer can take them, cancellation is checked between chunks, and
 * progress is reported as rows are written. The loop yields to the event loop every few
 * thousand rows, so that a cancel message can reach a worker that is busy exporting.
 */
import type Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import type { ExportProgress } from '../../shared/schemas/export';
import { writeFileAtomically } from './atomicFile';
import type { CsvFormat } from './csvFormat';
import { CsvTableWriter } from './csvWriter';
import type { ColumnKind, ExportColumn, ExportValue, TableOptions, TableWriter } from './table';
import { type XlsxOptions, XlsxWorkbookWriter } from './xlsx/workbookWriter';

export interface ExportTable {
  /** The sheet's name (xlsx). */
  name: string;
  columns: readonly ExportColumn[];
  /** Read lazily: a generator over SQLite runs only while the table is being written. */
  rows: Iterable<readonly ExportValue[]>;
  /** Per-row kinds for small mixed tables (the report's Summary), by row index. */
  rowKinds?: readonly (readonly ColumnKind[] | undefined)[];
  options?: TableOptions;
  /** Rows the table will have, when known, for progress. */
  total?: number | null;
}

export type FileFormat = { kind: 'csv'; csv: CsvFormat } | { kind: 'xlsx'; xlsx?: XlsxOptions };

export interface ExportControl {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

/** Rows between checks for cancel and progress reports: about 30 ms of work, 500 reports per 1M rows. */
const YIELD_EVERY_ROWS = 2_000;

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
}

/** Pages of SQLite's cache an export keeps: a scan reads each page once, so more only costs memory. */
const EXPORT_CACHE_KIB = 8 * 1024;

/**
 * Runs an export with a small page cache on its connection (the cache's 64 MB would fill up over
 * a million-row scan and count against the export's memory), and puts the setting back after.
 */
export async function withScanCache<T>(db: Database.Database, work: () => Promise<T>): Promise<T> {
  const previous = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${-EXPORT_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    db.pragma(`cache_size = ${previous}`);
  }
}

export async function writeExport(
  out: string,
  format: FileFormat,
  tables: readonly ExportTable[],
  control: ExportControl = {},
): Promise<{ rows: number; sheets: number }> {
  const { signal, onProgress } = control;
  throwIfCancelled(signal);
  const totals = tables.map((t) => t.total);
  const total = totals.every((t) => typeof t === 'number')
    ? (totals as number[]).reduce((a, b) => a + b, 0)
    : null;
  let rows = 0;
  let sheets = 1;
  await writeFileAtomically(out, async (chunks) => {
    const writer: TableWriter & { abort?: () => void; sheetCount?: number } =
      format.kind === 'csv'
        ? new CsvTableWriter(chunks, format.csv)
        : new XlsxWorkbookWriter(chunks, format.xlsx);
    try {
      for (const table of tables) {
        await writer.beginTable(table.name, table.columns, table.options);
        let index = 0;
        for (const values of table.rows) {
          const wait = writer.writeRow(values, table.rowKinds?.[index]);
          if (wait) await wait;
          index++;
          rows++;
          if (rows % YIELD_EVERY_ROWS === 0) {
            onProgress?.({ rows, total });
            await nextTurn();
            throwIfCancelled(signal);
          }
        }
        await writer.endTable();
      }
      throwIfCancelled(signal);
      await writer.finish();
      sheets = writer.sheetCount ?? 1;
    } catch (error) {
      writer.abort?.();
      throw error;
    }
  });
  onProgress?.({ rows, total: rows });
  return { rows, sheets };
}
