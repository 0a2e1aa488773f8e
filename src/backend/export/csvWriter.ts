/**
 * Tables as CSV (csvFormat.ts) onto a chunk writer, in chunks of about 64 KB so that writes
 * are few and memory stays flat. A CSV file holds one table; a second one is refused.
 */
import { AppError } from '../../shared/errors';
import type { ChunkWriter } from './atomicFile';
import { type CsvFormat, type CsvValue, csvRecord, UTF8_BOM } from './csvFormat';
import type { ExportColumn, ExportValue, TableOptions, TableWriter } from './table';

const CHUNK_CHARS = 64 * 1024;

export class CsvTableWriter implements TableWriter {
  private chunk = '';
  private tables = 0;

  constructor(
    private readonly out: ChunkWriter,
    private readonly format: CsvFormat,
  ) {
    if (format.bom) this.chunk = UTF8_BOM;
  }

  async beginTable(_name: string, columns: readonly ExportColumn[], options?: TableOptions): Promise<void> {
    if (this.tables++ > 0)
      throw new AppError('invalid_input', 'A CSV file holds one table; use xlsx for more.');
    // Headers are the grid's own captions, never attacker text, but guard them all the same.
    if (options?.header !== false) this.chunk += this.record(columns.map((c) => c.header));
  }

  writeRow(values: readonly ExportValue[]): Promise<void> | undefined {
    this.chunk += this.record(values);
    return this.chunk.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  endTable(): Promise<void> {
    return this.flush();
  }

  finish(): Promise<void> {
    return this.flush();
  }

  private record(values: readonly CsvValue[]): string {
    return csvRecord(values, this.format.delimiter, this.format.guardFormulas);
  }

  private async flush(): Promise<void> {
    if (this.chunk === '') return;
    const chunk = this.chunk;
    this.chunk = '';
    await this.out.write(chunk);
  }
}
