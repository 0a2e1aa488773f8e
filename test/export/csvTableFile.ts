import { writeFileAtomically } from '../../src/backend/export/atomicFile';
import type { CsvFormat } from '../../src/backend/export/csvFormat';
import { CsvTableWriter } from '../../src/backend/export/csvWriter';
import type { ExportColumn, ExportValue } from '../../src/backend/export/table';

/** Writes one CSV table to `out` as an export writes it: the table writer over an atomic file. */
export async function writeCsvTable(
  out: string,
  format: CsvFormat,
  columns: ExportColumn[],
  rows: Iterable<ExportValue[]>,
): Promise<void> {
  await writeFileAtomically(out, async (chunks) => {
    const writer = new CsvTableWriter(chunks, format);
    await writer.beginTable('T', columns);
    for (const row of rows) await writer.writeRow(row);
    await writer.finish();
  });
}
