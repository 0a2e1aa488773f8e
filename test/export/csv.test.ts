import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/backend/export/atomicFile';
import { type CsvFormat, csvField, defaultDelimiter } from '../../src/backend/export/csvFormat';
import { CsvTableWriter } from '../../src/backend/export/csvWriter';
import { writeCsvTable } from './csvTableFile';
import { guardFormula } from '../../src/backend/export/formulaGuard';
import type { ExportValue } from '../../src/backend/export/table';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();

const rows: ExportValue[][] = [
  ['plain', 1, null],
  ['a, comma; and semicolon', -50, 'Say "hi"'],
  ['line one\nline two\r\nline three', 0.25, ''],
  ['Crème brûlée – über 😀 🇳🇱', 12345678901, 'é'],
  ['=SUM(1+9)*cmd', -1, '-50% op alles'],
  ['@SUM(A1)', 2, '+31 20 123'],
  ['\tTab first', 3, '\rCR first'],
  [null, null, null],
];

async function writeCsv(format: CsvFormat, data = rows): Promise<string> {
  const out = join(tempDir(), 'table.csv');
  await writeCsvTable(
    out,
    format,
    [
      { header: 'Text', kind: 'text' },
      { header: 'Number', kind: 'count' },
      { header: 'More, text', kind: 'text' },
    ],
    data,
  );
  return readFileSync(out, 'utf8');
}

/** What a reader should get back for a value: numbers untouched, text guarded when asked. */
function expected(value: ExportValue, guard: boolean, delimiter: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return delimiter === ';' ? String(value).replace('.', ',') : String(value);
  return guard ? guardFormula(value) : value;
}

describe('defaultDelimiter', () => {
  it.each([
    ['nl', ';'],
    ['nl-NL', ';'],
    ['de-DE', ';'],
    ['fr', ';'],
    ['pt-BR', ';'],
    ['en-US', ','],
    ['en-GB', ','],
    ['ja', ','],
    ['not a locale!', ','],
  ])('%s → %s', (locale, delimiter) => {
    expect(defaultDelimiter(locale)).toBe(delimiter);
  });
});

describe('CSV through csv-parse', () => {
  it.each([
    [',', true, true],
    [';', true, true],
    [',', false, false],
    [';', false, true],
  ] as const)(
    'delimiter %j, BOM %s, guard %s: every value comes back, CRLF records, RFC 4180 quoting',
    async (delimiter, bom, guardFormulas) => {
      const text = await writeCsv({ delimiter, bom, guardFormulas });
      expect(text.startsWith('\uFEFF')).toBe(bom);
      expect(text.endsWith('\r\n')).toBe(true);
      const records = parse(text, { bom: true, delimiter, relax_quotes: false }) as string[][];
      expect(records[0]).toEqual(['Text', 'Number', 'More, text']);
      expect(records.slice(1)).toEqual(
        rows.map((row) => row.map((v) => expected(v, guardFormulas, delimiter))),
      );
    },
  );

  it('guards = + - @ | tab and CR at the start of text (past blanks), and never numbers', () => {
    for (const text of ['=1+1', '+1', '-50%', '@A1', '|x', '\tx', '\rx', ' =1']) {
      expect(csvField(text, ',', true).replace(/^"/, '')).toMatch(/^ ?'/);
      expect(csvField(text, ',', false).replace(/^"/, '')).not.toMatch(/^ ?'/);
    }
    for (const text of ['a=1', '50%', '', "'quoted"]) expect(csvField(text, ',', true)).toBe(text);
    expect(csvField(-50, ',', true)).toBe('-50');
    expect(csvField(-0.5, ',', true)).toBe('-0.5');
    // With a semicolon (a European Excel) a fraction gets the decimal comma that Excel expects.
    expect(csvField(-0.5, ';', true)).toBe('-0,5');
    expect(csvField(1234567, ';', true)).toBe('1234567');
  });

  it('keeps the record layout when text holds the delimiter, quotes and line breaks', async () => {
    const text = await writeCsv({ delimiter: ';', bom: false, guardFormulas: false });
    const lines = text.split('\r\n');
    expect(lines[2]).toBe('"a, comma; and semicolon";-50;"Say ""hi"""');
    expect(text).toContain('"line one\nline two\r\nline three"');
  });

  it('refuses a second table in one CSV file and leaves no file', async () => {
    const out = join(tempDir(), 'two.csv');
    await expect(
      writeFileAtomically(out, async (chunks) => {
        const writer = new CsvTableWriter(chunks, { delimiter: ',', bom: true, guardFormulas: true });
        await writer.beginTable('A', [{ header: 'x', kind: 'text' }]);
        await writer.beginTable('B', [{ header: 'y', kind: 'text' }]);
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => readFileSync(out)).toThrow();
  });
});
