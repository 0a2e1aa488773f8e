/**
 * The formula guard against readers that split on another delimiter than the file was written
 * with: a `;` file opened by an Excel that splits on `,` starts a cell after every `,` inside the
 * text, and such a reader never sees the quotes that kept the field together. Every file is read
 * back with each of the three separators by csv-parse and by Python's csv module, and once by
 * LibreOffice: no cell may start with a formula trigger.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CsvDelimiter, csvField } from '../../src/backend/export/csvFormat';
import { writeCsvTable } from './csvTableFile';
import { guardFormula } from '../../src/backend/export/formulaGuard';
import type { ExportValue } from '../../src/backend/export/table';
import { useTempDir } from '../helpers/tempDir';
import { libreOfficeCsvToXlsx, sofficeMissing } from './xlsxReaders';
import { exposedTrigger, hostileTexts } from './hostileTexts';

const tempDir = useTempDir();
const delimiters: CsvDelimiter[] = [',', ';', '\t'];
const name = (d: string): string => (d === '\t' ? 'tab' : d);

/** Each hostile text in a row between an ID and a fraction (numbers must stay untouched). */
const rows: ExportValue[][] = hostileTexts.map((text, i) => [1000 + i, text, -0.25 * i]);

async function writeCsv(delimiter: CsvDelimiter, guardFormulas: boolean): Promise<string> {
  const out = join(tempDir(), `hostile-${name(delimiter)}-${guardFormulas}.csv`);
  await writeCsvTable(
    out,
    { delimiter, bom: true, guardFormulas },
    [
      { header: 'ID', kind: 'id' },
      { header: 'Text', kind: 'text' },
      { header: 'Share', kind: 'share' },
    ],
    rows,
  );
  return out;
}

/** csv-parse as a lenient spreadsheet would read: stray quotes kept, ragged rows allowed. */
function csvParseCells(path: string, separator: string): string[] {
  const records = parse(readFileSync(path, 'utf8'), {
    bom: true,
    delimiter: separator,
    relax_quotes: true,
    relax_column_count: true,
  }) as string[][];
  return records.flat();
}

const python = spawnSync('python3', ['--version'], { stdio: 'ignore' }).error === undefined;

function pythonCells(path: string, separator: string): string[] {
  const script =
    'import csv, json, sys\n' +
    "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n" +
    '    print(json.dumps([c for r in csv.reader(f, delimiter=sys.argv[2]) for c in r]))\n';
  return JSON.parse(
    execFileSync('python3', ['-c', script, path, separator], { encoding: 'utf8' }),
  ) as string[];
}

const readers: [string, (path: string, separator: string) => string[]][] = [
  ['csv-parse', csvParseCells],
  ...(python ? [['python csv', pythonCells] as [string, typeof pythonCells]] : []),
];

describe('the formula guard, read with every separator', () => {
  it('would be bypassed without it: the hostile corpus does expose formulas to a mismatched reader', async () => {
    const path = await writeCsv(';', false);
    expect(csvParseCells(path, ',').some((cell) => cell.startsWith('=1+1'))).toBe(true);
    expect(csvParseCells(path, ',').filter(exposedTrigger).length).toBeGreaterThan(5);
  });

  for (const delimiter of delimiters) {
    for (const separator of delimiters) {
      for (const [reader, read] of readers) {
        it(`written with ${name(delimiter)}, read by ${reader} splitting on ${name(separator)}: no cell starts with a trigger`, async () => {
          const cells = read(await writeCsv(delimiter, true), separator);
          expect(cells.length).toBeGreaterThan(hostileTexts.length);
          expect(cells.filter(exposedTrigger)).toEqual([]);
        });
      }
    }

    it(`written with ${name(delimiter)} and read with it, a value differs only by a ' before each trigger`, async () => {
      const records = parse(readFileSync(await writeCsv(delimiter, true), 'utf8'), {
        bom: true,
        delimiter,
      }) as string[][];
      const texts = records.slice(1).map((r) => r[1]);
      expect(texts).toEqual(hostileTexts.map(guardFormula));
      for (const [i, text] of texts.entries()) {
        // Taking out the apostrophes the guard added before a trigger gives the original back.
        expect((text as string).replace(/'(?=[=+\-@|＝＋－＠｜\t\r])/g, '')).toBe(
          (hostileTexts[i] as string).replace(/'(?=[=+\-@|＝＋－＠｜\t\r])/g, ''),
        );
      }
      const numbers = records.slice(1).map((r) => [r[0], r[2]]);
      expect(numbers).toEqual(
        rows.map(([id, , share]) => [
          String(id),
          delimiter === ';' ? String(share).replace('.', ',') : String(share),
        ]),
      );
    });

    it(`with the guard off, a file written with ${name(delimiter)} keeps every text exactly`, async () => {
      const records = parse(readFileSync(await writeCsv(delimiter, false), 'utf8'), {
        bom: true,
        delimiter,
      }) as string[][];
      expect(records.slice(1).map((r) => r[1])).toEqual(hostileTexts);
    });
  }

  it('guards every segment start past blanks and invisible characters, and nothing else', () => {
    expect(guardFormula('x,=1+1')).toBe("x,'=1+1");
    expect(guardFormula('a;+cmd')).toBe("a;'+cmd");
    expect(guardFormula('\t=HYPERLINK("x")')).toBe('\'\t\'=HYPERLINK("x")');
    expect(guardFormula(' \u00a0\u200b\ufeff=1')).toBe(" \u00a0\u200b\ufeff'=1");
    expect(guardFormula('ua, ＝1; ｜calc')).toBe("ua, '＝1; '｜calc");
    expect(guardFormula('a\r\n-1')).toBe("a\r\n'-1");
    expect(guardFormula('123;"a,=1+1"')).toBe('123;"a,\'=1+1"');
    for (const safe of ['Mozilla/5.0 (X11; Linux x86_64)', 'a=1, b+2', "'quoted", '50%', '']) {
      expect(guardFormula(safe)).toBe(safe);
    }
    expect(csvField(-50, ',', true)).toBe('-50');
    expect(csvField(-0.5, ';', true)).toBe('-0,5');
  });
});

describe('the formula guard in LibreOffice', () => {
  it.skipIf(sofficeMissing)(
    'a ; file opened by a LibreOffice splitting on , has no formula cell and no cell starting with a trigger',
    async () => {
      const workbook = await libreOfficeCsvToXlsx(await writeCsv(';', true), ',');
      const cells: ExcelJS.Cell[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
      expect(cells.length).toBeGreaterThan(hostileTexts.length);
      expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula).map((c) => c.address)).toEqual([]);
      expect(cells.map((c) => String(c.text)).filter(exposedTrigger)).toEqual([]);
    },
  );
});

if (sofficeMissing) {
  console.warn('LibreOffice (soffice) is not installed: the guarded CSV is not opened in LibreOffice.');
}
if (!python) console.warn('python3 is not installed: the guarded CSV is not read with Python csv.');
