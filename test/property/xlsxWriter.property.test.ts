/**
 * The xlsx writer against generated values, many to a workbook: nothing crashes, every value
 * comes back through exceljs (text exactly, U+FFFD for what XML 1.0 cannot hold; numbers as
 * numbers; wall clocks as the same date; never a formula), and a failure part-way leaves no file (failedWrite.ts).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExport } from '../../src/backend/export/exportFile';
import type { ColumnKind, ExportValue } from '../../src/backend/export/table';
import { XlsxWorkbookWriter } from '../../src/backend/export/xlsx/workbookWriter';
import { parseWallClock } from '../../src/shared/wallClock';
import { cellString, readWorkbook, wallClockOf } from '../export/xlsxReaders';
import { useTempDir } from '../helpers/tempDir';
import { columns, readBack, ROWS_PER_FILE, rows } from './exportValues';
import { expectNoFileAfterFailedWrites } from './failedWrite';

const tempDir = useTempDir();
const FILES = 10;

/** Text as XML 1.0 can hold it: each C0 control but tab/LF/CR, U+FFFE/U+FFFF and half pair as U+FFFD. */
function asXmlCanHold(value: string): string {
  // In a /u pattern a surrogate pair is one code point, so the range matches lone halves only.
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 excludes
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu, '\uFFFD');
}

function expectCell(cell: ExcelJS.Cell, value: ExportValue, kind: ColumnKind): void {
  expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
  if (value === null || value === '') {
    expect(cell.value).toBeNull();
  } else if (typeof value === 'number') {
    // Excel has no NaN or infinity: such a number is an empty cell rather than a broken file.
    expect(cell.value).toBe(Number.isFinite(value) ? readBack(value) : null);
  } else if (kind === 'wallClock' && parseWallClock(value) !== null) {
    expect(wallClockOf(cell.value)).toBe(value);
  } else {
    expect(cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.RichText).toBe(true);
    expect(cellString(cell.value)).toBe(asXmlCanHold(value));
  }
}

describe('XlsxWorkbookWriter with generated values', () => {
  it('gives back every value through exceljs', async () => {
    let values = 0;
    await fc.assert(
      fc.asyncProperty(rows, async (data) => {
        const out = join(tempDir(), 'values.xlsx');
        await writeExport(out, { kind: 'xlsx' }, [{ name: 'Values', columns, rows: data }]);
        const sheet = (await readWorkbook(out)).getWorksheet('Values') as ExcelJS.Worksheet;
        expect(sheet.getRow(1).values).toEqual([undefined, ...columns.map((c) => c.header)]);
        for (const [r, row] of data.entries()) {
          const cells = sheet.getRow(r + 2);
          for (const [c, value] of row.entries()) {
            expectCell(cells.getCell(c + 1), value, (columns[c] as { kind: ColumnKind }).kind);
            values++;
          }
        }
      }),
      { numRuns: FILES },
    );
    console.log(`xlsx writer: ${values} inputs (values) in ${FILES} workbooks of ${ROWS_PER_FILE} rows`);
    expect(values).toBeGreaterThanOrEqual(10_000);
  });

  it('leaves no file when the disk fails part-way or the rows fail', async () => {
    await expectNoFileAfterFailedWrites(
      {
        label: 'xlsx writer',
        file: 'partial.xlsx',
        format: { kind: 'xlsx' },
        textRepeat: 20,
        maxRows: 3000,
        maxFailAtChunk: 6,
        rowsPerChunk: 300,
        numRuns: 30,
        minFailed: 8,
        writeTable: async (chunks, twoColumns, data) => {
          const writer = new XlsxWorkbookWriter(chunks, { compressionLevel: 0 });
          try {
            await writer.beginTable('T', twoColumns);
            for (const values of data) await writer.writeRow(values);
            await writer.finish();
          } catch (error) {
            writer.abort();
            throw error;
          }
        },
        rowsIn: async (out) => ((await readWorkbook(out)).getWorksheet('T') as ExcelJS.Worksheet).rowCount,
      },
      tempDir,
    );
  });
});
