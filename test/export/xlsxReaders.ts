/** Readers we did not write, for round trips: exceljs, and LibreOffice when it is installed. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** A cell's value as the wall-clock text a date cell shows, `YYYY-MM-DD HH:MM:SS`. */
export function wallClockOf(value: unknown): string {
  if (!(value instanceof Date)) throw new Error(`not a date cell: ${JSON.stringify(value)}`);
  return value.toISOString().slice(0, 19).replace('T', ' ');
}

export const sofficeMissing = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).error !== undefined;

/**
 * Converts every sheet of a workbook to CSV with LibreOffice (comma, UTF-8, values as shown) and
 * returns one text per sheet; LibreOffice names each file after its sheet.
 */
export function libreOfficeCsv(path: string, sheetNames: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'copernica-lo-'));
  try {
    // Filter options: comma, double quote, UTF-8 (76), from line 1, default column types, …,
    // cell contents as shown, and sheet -1: every sheet to a file of its own.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        dir,
        path,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const stem = basename(path).replace(/\.xlsx$/, '');
    return sheetNames.map((name) => readFileSync(join(dir, `${stem}-${name}.csv`), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens a CSV in LibreOffice as a user would with the given separator, formulas evaluated and
 * quoted fields not forced to text (the most trusting import), and returns it as a workbook.
 */
export async function libreOfficeCsvToXlsx(path: string, separator: string): Promise<ExcelJS.Workbook> {
  const dir = mkdtempSync(join(tmpdir(), 'copernica-lo-'));
  try {
    // Import options: separator, double quote, UTF-8 (76), from line 1, default column types,
    // English (1033), quoted fields not as text, special numbers detected, tokens 9 to 12 unused
    // on import, formulas evaluated (token 13).
    const options = `${separator.charCodeAt(0)},34,76,1,,1033,false,true,false,false,false,-1,true`;
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        `--infilter=Text - txt - csv (StarCalc):${options}`,
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        path,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return await readWorkbook(join(dir, basename(path).replace(/\.[^.]+$/, '.xlsx')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A text cell's string, whether exceljs gives it as a string or as rich-text runs. */
export function cellString(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value)
    return value.richText.map((run) => run.text).join('');
  return value === null || value === undefined ? null : String(value);
}
