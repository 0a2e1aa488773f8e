/**
 * RFC 4180 CSV: fields that hold the delimiter, a quote, CR or LF are quoted, quotes doubled,
 * records end in CRLF; null is an empty field.
 */
export interface CsvFormat {
  delimiter: ',' | ';' | '\t';
  /** Prefix a UTF-8 byte order mark so that Excel reads the file as UTF-8. */
  bom: boolean;
}

export type CsvValue = string | number | null | undefined;

export const CRLF = '\r\n';

export function csvField(value: CsvValue, delimiter: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

export function csvRecord(values: readonly CsvValue[], delimiter: string): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    line += csvField(values[i], delimiter);
  }
  return line + CRLF;
}
