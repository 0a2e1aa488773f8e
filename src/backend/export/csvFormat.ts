/**
 * RFC 4180 CSV: fields that hold the delimiter, a quote, CR or LF are quoted, quotes doubled,
 * records end in CRLF; null is an empty field. Text that a spreadsheet would run as a formula is
 * guarded (formulaGuard.ts) unless the caller switches that off; numbers are never guarded.
 */
import { defaultDelimiter } from '../../shared/csvDelimiter';
import { guardFormula } from './formulaGuard';

export { defaultDelimiter };

/** Comma and semicolon are what Excel expects by locale; a tab is for tab-separated text. */
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvFormat {
  delimiter: CsvDelimiter;
  /** Prefix a UTF-8 byte order mark so that Excel reads the file as UTF-8. */
  bom: boolean;
  /** Put a `'` before every formula trigger a spreadsheet could read as a cell start (formulaGuard.ts). */
  guardFormulas: boolean;
}

export type CsvValue = string | number | null | undefined;

export const CRLF = '\r\n';
export const UTF8_BOM = '\uFEFF';

/** Formats as the app's defaults: the locale's delimiter, a BOM, the formula guard on. */
export function csvFormatFor(locale: string | undefined, overrides: Partial<CsvFormat> = {}): CsvFormat {
  return { delimiter: defaultDelimiter(locale), bom: true, guardFormulas: true, ...overrides };
}

/**
 * A number as Excel reads it with this delimiter: where the list separator is a semicolon the
 * decimal separator is a comma (0,25), elsewhere a point. Whole numbers (IDs, counts) look the
 * same either way; only fractions such as a share of clicks differ.
 */
function csvNumber(value: number, delimiter: string): string {
  const text = String(value);
  return delimiter === ';' && !Number.isInteger(value) ? text.replace('.', ',') : text;
}

export function csvField(value: CsvValue, delimiter: string, guardFormulas = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value, delimiter);
  const text = guardFormulas ? guardFormula(value) : value;
  if (text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r')) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

export function csvRecord(values: readonly CsvValue[], delimiter: string, guardFormulas = false): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    line += csvField(values[i], delimiter, guardFormulas);
  }
  return line + CRLF;
}
