import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExport } from '../../src/backend/export/exportFile';
import type { ExportColumn, ExportValue } from '../../src/backend/export/table';
import { cellXml, wallSecondsToSerial } from '../../src/backend/export/xlsx/sheetXml';
import { parseWallClock } from '../../src/shared/wallClock';
import { useTempDir } from '../helpers/tempDir';
import { edgeTexts, edgeTimes } from './seed';
import { cellString, libreOfficeCsv, readWorkbook, sofficeMissing, wallClockOf } from './xlsxReaders';

const tempDir = useTempDir();

const columns: ExportColumn[] = [
  { header: 'Click ID', kind: 'id' },
  { header: 'Title', kind: 'text' },
  { header: 'Clicked at', kind: 'wallClock' },
  { header: 'Clicks', kind: 'count' },
  { header: 'Share', kind: 'share' },
];

const texts = [
  ...edgeTexts.formulas,
  edgeTexts.quoted,
  edgeTexts.multiline,
  edgeTexts.unicode,
  '  padded  ',
  '<b>&amp;</b>',
];

/** Text a SpreadsheetML reader would decode (`_x0041_` is "A") and text XML 1.0 cannot hold. */
const lookalikeTexts = [
  '_x0041_',
  '_x005F_x0041_',
  'a_x0041_x0042_b',
  '__x00e9__',
  '_X0041_ and _x41_ and _xZZZZ_',
  'nul\u0000 bell\u0007 esc\u001b',
  'lone \uD800 high, lone \uDC00 low, \uFFFE and \uFFFF',
  'pair 😀 kept',
];

/** What must come back: the same text, with U+FFFD for each character XML 1.0 cannot hold. */
function asXmlCanHold(text: string): string {
  // In a /u pattern a surrogate pair is one code point, so the range matches lone halves only.
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 excludes
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu, '\uFFFD');
}

function row(i: number): ExportValue[] {
  return [
    1_000_000 + i,
    i < texts.length ? (texts[i] as string) : `title ${i}`,
    edgeTimes[i % edgeTimes.length] as string,
    i * 3,
    i / 1000,
  ];
}

async function writeTable(rows: number, rowsPerSheet?: number, extra: ExportValue[][] = []): Promise<string> {
  const out = join(tempDir(), 'table.xlsx');
  const data = [...Array.from({ length: rows }, (_, i) => row(i)), ...extra];
  await writeExport(out, { kind: 'xlsx', xlsx: { rowsPerSheet } }, [{ name: 'Clicks', columns, rows: data }]);
  return out;
}

describe('xlsx through exceljs', () => {
  it('writes numbers as numbers, text as inline text (never a formula) and wall clocks as date cells', async () => {
    const workbook = await readWorkbook(await writeTable(50));
    const sheet = workbook.getWorksheet('Clicks') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(51);
    for (let i = 0; i < 50; i++) {
      const cells = sheet.getRow(i + 2);
      const [id, title, at, clicks, share] = row(i);
      expect(cells.getCell(1).value).toBe(id);
      expect(cells.getCell(2).type).toBe(ExcelJS.ValueType.String);
      expect(cells.getCell(2).value).toBe(title);
      expect(cells.getCell(3).type).toBe(ExcelJS.ValueType.Date);
      expect(wallClockOf(cells.getCell(3).value)).toBe(at);
      expect(cells.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      expect(cells.getCell(4).value).toBe(clicks);
      expect(cells.getCell(5).value).toBeCloseTo(share as number, 12);
    }
  });

  it('keeps the wall clock across the 2024 Amsterdam DST changes: no time-zone shift', async () => {
    const workbook = await readWorkbook(await writeTable(edgeTimes.length));
    const sheet = workbook.getWorksheet('Clicks') as ExcelJS.Worksheet;
    expect(edgeTimes.map((_, i) => wallClockOf(sheet.getRow(i + 2).getCell(3).value))).toEqual(edgeTimes);
    // The serial is exactly wall seconds / 86400 + 25569.
    expect(wallSecondsToSerial(parseWallClock('2024-03-31 02:30:00') as number)).toBeCloseTo(
      45382.104166667,
      8,
    );
  });

  it('has a bold header row frozen in place and an autofilter over the whole table', async () => {
    const workbook = await readWorkbook(await writeTable(30));
    const sheet = workbook.getWorksheet('Clicks') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, ...columns.map((c) => c.header)]);
    for (let c = 1; c <= columns.length; c++) expect(sheet.getRow(1).getCell(c).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(2).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(sheet.autoFilter).toBe('A1:E31');
    const widths = sheet.columns.map((c) => c.width as number);
    expect(widths.every((w) => w >= 8 && w <= 60)).toBe(true);
    expect(widths[2]).toBeGreaterThanOrEqual(19);
  });

  it('writes characters XML cannot hold as U+FFFD, keeps emoji, and clips text to 32,767 characters', async () => {
    const long = 'x'.repeat(40_000);
    const out = await writeTable(0, undefined, [
      [1, edgeTexts.invalidXml, null, null, null],
      [2, long, null, 0, 0],
    ]);
    const sheet = (await readWorkbook(out)).getWorksheet('Clicks') as ExcelJS.Worksheet;
    expect(sheet.getRow(2).getCell(2).value).toBe('bell\uFFFD and nul\uFFFD and lone \uFFFD surrogate');
    expect(sheet.getRow(2).getCell(3).value).toBeNull();
    expect((sheet.getRow(3).getCell(2).value as string).length).toBe(32_767);
    expect(sheet.getRow(3).getCell(4).value).toBe(0);
  });

  it('gives back text that looks like an _xHHHH_ escape, and U+FFFD for what XML cannot hold', async () => {
    const out = await writeTable(
      0,
      undefined,
      lookalikeTexts.map((text, i) => [i, text, null, null, null]),
    );
    const sheet = (await readWorkbook(out)).getWorksheet('Clicks') as ExcelJS.Worksheet;
    const back = lookalikeTexts.map((_, i) => cellString(sheet.getRow(i + 2).getCell(2).value));
    expect(back).toEqual(lookalikeTexts.map(asXmlCanHold));
  });

  it('holds _xHHHH_ lookalikes so that decoding as Excel does (hex in either case) gives them back', () => {
    for (const text of lookalikeTexts.slice(0, 5)) {
      const xml = cellXml('B2', text, 'text');
      const runs = [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1] as string);
      expect(runs).toHaveLength(1);
      const decoded = (runs[0] as string)
        .replace(
          /&(amp|lt|gt|quot|#13);/g,
          (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#13': '\r' })[e] as string,
        )
        .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      expect(decoded).toBe(text);
    }
  });

  it('continues a long table on further sheets with the header again and no row lost', async () => {
    const workbook = await readWorkbook(await writeTable(2_500, 1_000));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Clicks', 'Clicks (2)', 'Clicks (3)']);
    const ids: unknown[] = [];
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).getCell(1).value).toBe('Click ID');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (let r = 2; r <= sheet.rowCount; r++) ids.push(sheet.getRow(r).getCell(1).value);
    }
    expect(workbook.worksheets.map((s) => s.rowCount)).toEqual([1_001, 1_001, 501]);
    expect(ids).toEqual(Array.from({ length: 2_500 }, (_, i) => 1_000_000 + i));
  });

  it('writes a sheet with only the header for an empty table', async () => {
    const sheet = (await readWorkbook(await writeTable(0))).getWorksheet('Clicks') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(1);
    expect(sheet.autoFilter).toBe('A1:E1');
  });
});

describe('xlsx through LibreOffice', () => {
  it.skipIf(sofficeMissing)(
    'opens the split workbook: every sheet, every value, dates as the wall clock, no formulas',
    async () => {
      const out = await writeTable(1_500, 1_000);
      const [first, second] = libreOfficeCsv(out, ['Clicks', 'Clicks (2)']) as [string, string];
      const records = [
        ...(parse(first, { relax_column_count: true }) as string[][]).slice(1),
        ...(parse(second, { relax_column_count: true }) as string[][]).slice(1),
      ];
      expect(records).toHaveLength(1_500);
      for (const [i, record] of records.entries()) {
        const [id, title, at] = row(i);
        expect(record[0]).toBe(String(id));
        // LibreOffice keeps a lone CR but writes a CRLF inside a cell as LF.
        expect(record[1]).toBe((title as string).replaceAll('\r\n', '\n'));
        expect(record[2]).toBe(at);
      }
    },
  );
});

describe('xlsx text through LibreOffice', () => {
  it.skipIf(sofficeMissing)(
    'reads _xHHHH_ lookalikes as written and U+FFFD for what XML cannot hold',
    async () => {
      const out = await writeTable(
        0,
        undefined,
        lookalikeTexts.map((text, i) => [i, text, null, null, null]),
      );
      const [csv] = libreOfficeCsv(out, ['Clicks']) as [string];
      const back = (parse(csv, { relax_column_count: true }) as string[][]).slice(1).map((r) => r[1]);
      expect(back).toEqual(lookalikeTexts.map(asXmlCanHold));
    },
  );
});

if (sofficeMissing) {
  console.warn(
    'LibreOffice (soffice) is not installed: the LibreOffice round trip of the xlsx files is skipped.',
  );
}
