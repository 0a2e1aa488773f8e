/**
 * The CSV writer against generated values, many to a file: nothing crashes, every value comes
 * back through csv-parse (exactly with the guard off; with it on, differing only by a `'` before
 * a formula trigger at a cell start), and a failure part-way leaves no file (failedWrite.ts).
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CsvDelimiter, csvRecord } from '../../src/backend/export/csvFormat';
import { CsvTableWriter } from '../../src/backend/export/csvWriter';
import { writeExport } from '../../src/backend/export/exportFile';
import type { ExportValue } from '../../src/backend/export/table';
import { useTempDir } from '../helpers/tempDir';
import { columns, readBack, ROWS_PER_FILE, rows, text, wellFormed } from './exportValues';
import { expectNoFileAfterFailedWrites } from './failedWrite';

const tempDir = useTempDir();
const FILES = 12;

const TRIGGER = /[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\t\r]/;
const IGNORABLE = /[ \u00A0\u200B-\u200D\u2060\uFEFF"]/;
const SEPARATOR = /[,;\t\r\n]/;

/** No cell a reader splitting on `,`, `;`, tab or a line break could see starts with a trigger. */
function everyCellStartSafe(value: string): boolean {
  for (let start = 0; start <= value.length; start++) {
    if (start > 0 && !SEPARATOR.test(value[start - 1] as string)) continue;
    let at = start;
    while (at < value.length && IGNORABLE.test(value[at] as string)) at++;
    if (at < value.length && TRIGGER.test(value[at] as string)) return false;
  }
  return true;
}

/**
 * True when `guarded` is `original` with apostrophes added, each directly before a trigger: the
 * two agree once apostrophes are taken out, and between any two other characters `guarded` has
 * as many apostrophes as `original` or, before a trigger, one more.
 */
function onlyGuardMarksAdded(original: string, guarded: string): boolean {
  const gaps = (s: string) => s.split(/[^']/).map((g) => g.length);
  const others = (s: string) => s.replaceAll("'", '');
  if (others(original) !== others(guarded)) return false;
  const [a, b, next] = [gaps(original), gaps(guarded), others(original)];
  return a.every((count, i) => {
    const added = (b[i] as number) - count;
    return added === 0 || (added === 1 && TRIGGER.test(next[i] ?? ''));
  });
}

/** What csv-parse gives back for a value written to a CSV file. */
function expectedBack(value: ExportValue): string | number {
  if (value === null) return '';
  // UTF-8 cannot hold half a surrogate pair; the encoder writes U+FFFD, as for any file.
  return typeof value === 'number' ? readBack(value) : wellFormed(value);
}

async function writeCsv(
  out: string,
  data: readonly ExportValue[][],
  format: { delimiter: CsvDelimiter; bom: boolean; guardFormulas: boolean },
) {
  await writeExport(out, { kind: 'csv', csv: format }, [{ name: 'T', columns, rows: data }]);
}

describe('CsvTableWriter with generated values', () => {
  it('gives back every value through csv-parse, the guard adding only its apostrophes', async () => {
    let values = 0;
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        fc.boolean(),
        fc.boolean(),
        async (data, delimiter, bom, guardFormulas) => {
          const out = join(tempDir(), 'values.csv');
          await writeCsv(out, data, { delimiter, bom, guardFormulas });
          const records = parse(readFileSync(out, 'utf8'), {
            bom: true,
            delimiter,
            record_delimiter: '\r\n',
          }) as string[][];
          expect(records[0]).toEqual(columns.map((c) => c.header));
          expect(records).toHaveLength(data.length + 1);
          for (const [r, row] of data.entries()) {
            const record = records[r + 1] as string[];
            expect(record).toHaveLength(row.length);
            for (const [c, value] of row.entries()) {
              const back = record[c] as string;
              const expected = expectedBack(value);
              values++;
              if (typeof expected === 'number') {
                // A semicolon file has the decimal comma that Excel expects there.
                expect(Object.is(Number(delimiter === ';' ? back.replace(',', '.') : back), expected)).toBe(
                  true,
                );
              } else if (!guardFormulas) {
                expect(back).toBe(expected);
              } else {
                expect(onlyGuardMarksAdded(expected, back)).toBe(true);
                expect(everyCellStartSafe(back)).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: FILES },
    );
    console.log(`CSV writer: ${values} inputs (values) in ${FILES} files of ${ROWS_PER_FILE} rows`);
    expect(values).toBeGreaterThanOrEqual(10_000);
  });

  it('changes no text that has no trigger at a cell start, and guards the rest', () => {
    let inputs = 0;
    fc.assert(
      fc.property(text, fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (value, delimiter) => {
        inputs++;
        const record = parse(csvRecord([value], delimiter, true), {
          delimiter,
          record_delimiter: '\r\n',
        }) as string[][];
        const back = record[0]?.[0] ?? '';
        // csv-parse reads UTF-8 bytes, in which half a surrogate pair is U+FFFD.
        const sent = wellFormed(value);
        expect(everyCellStartSafe(back)).toBe(true);
        expect(onlyGuardMarksAdded(sent, back)).toBe(true);
        if (everyCellStartSafe(sent)) expect(back).toBe(sent);
      }),
      { numRuns: 10_000 },
    );
    console.log(`CSV formula guard: ${inputs} inputs`);
  });

  it('leaves no file when the disk fails part-way or the rows fail', async () => {
    const csv = { delimiter: ',', bom: true, guardFormulas: true } as const;
    await expectNoFileAfterFailedWrites(
      {
        label: 'CSV writer',
        file: 'partial.csv',
        format: { kind: 'csv', csv },
        textRepeat: 50,
        maxRows: 400,
        maxFailAtChunk: 4,
        rowsPerChunk: 100,
        numRuns: 40,
        minFailed: 10,
        writeTable: async (chunks, twoColumns, data) => {
          const writer = new CsvTableWriter(chunks, csv);
          await writer.beginTable('T', twoColumns);
          for (const values of data) await writer.writeRow(values);
          await writer.finish();
        },
        rowsIn: async (out) => (parse(readFileSync(out, 'utf8'), { bom: true }) as unknown[]).length,
      },
      tempDir,
    );
  });
});
