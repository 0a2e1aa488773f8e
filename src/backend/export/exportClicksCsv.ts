/**
 * Exports the cached clicks of one emailing as CSV with the API's twelve field names as the
 * header, streamed from SQLite to disk in chunks: memory stays flat at a million rows.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { writeFileAtomically } from './atomicFile';
import { CLICK_API_FIELDS, iterateClickApiRows } from './clicksQuery';
import { type CsvFormat, csvRecord } from './csvFormat';

export interface ExportClicksCsvOptions {
  db: Database.Database;
  emailingKey: number;
  out: string;
  format?: Partial<CsvFormat>;
  signal?: AbortSignal;
  /** Called every few thousand rows with the rows written so far. */
  onProgress?: (rows: number) => void;
}

const CHUNK_CHARS = 256 * 1024;

export async function exportClicksCsv(options: ExportClicksCsvOptions): Promise<{ rows: number }> {
  const delimiter = options.format?.delimiter ?? ',';
  const bom = options.format?.bom ?? false;
  let rows = 0;
  await writeFileAtomically(options.out, async (writer) => {
    let chunk = (bom ? '\uFEFF' : '') + csvRecord(CLICK_API_FIELDS, delimiter);
    for (const row of iterateClickApiRows(options.db, options.emailingKey)) {
      chunk += csvRecord(row, delimiter);
      rows++;
      if (chunk.length >= CHUNK_CHARS) {
        if (options.signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
        await writer.write(chunk);
        chunk = '';
        options.onProgress?.(rows);
      }
    }
    await writer.write(chunk);
    options.onProgress?.(rows);
  });
  return { rows };
}
