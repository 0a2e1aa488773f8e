/**
 * One worksheet as SpreadsheetML text, in three pieces so it can be streamed: the head (column
 * widths, the frozen header pane), the rows, and the tail (the autofilter, whose range is known
 * only at the end). Text is always an inline string (`t="inlineStr"`), never a formula or a
 * shared string; wall-clock times are date serials (wall seconds / 86400 + 25569, no time-zone
 * shift) with a date-time format; numbers are numbers.
 */
import { parseWallClock } from '../../../shared/wallClock';
import type { ColumnKind, ExportColumn, ExportValue } from '../table';
import { CELL_STYLE } from './styles';
import { columnLetters, escapeLookalikes, hasEscapeLookalike, XML_HEADER, xmlText } from './xml';

/** Excel's limit for one cell's text. */
export const MAX_CELL_CHARS = 32_767;
/** Excel's rows per sheet, header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** 1970-01-01 as an Excel serial (1900 date system). */
const UNIX_EPOCH_SERIAL = 25_569;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

export interface SheetLayout {
  columns: readonly ExportColumn[];
  header: boolean;
  /** Column widths in characters. */
  widths: readonly number[];
}

/** Wall seconds (the wall clock read as if UTC) as an Excel serial showing the same clock. */
export function wallSecondsToSerial(wallSeconds: number): number {
  return wallSeconds / 86_400 + UNIX_EPOCH_SERIAL;
}

function displayLength(value: ExportValue, kind: ColumnKind): number {
  if (value === null) return 0;
  if (kind === 'wallClock') return 19;
  if (kind === 'share') return 6;
  if (typeof value === 'number')
    return kind === 'count' ? Math.ceil(String(value).length * 1.34) : String(value).length;
  return value.length;
}

/** Widths that fit the header and the sample rows, within sensible bounds. */
export function measureWidths(
  columns: readonly ExportColumn[],
  sample: readonly (readonly ExportValue[])[],
): number[] {
  return columns.map((column, index) => {
    if (column.width) return column.width;
    let widest = column.header.length * 1.1 + 3;
    for (const row of sample) widest = Math.max(widest, displayLength(row[index] ?? null, column.kind) + 2);
    return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest)));
  });
}

export function sheetHead(layout: SheetLayout): string {
  const pane = layout.header
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  const cols = layout.widths
    .map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`)
    .join('');
  return (
    XML_HEADER +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

export function sheetTail(autoFilter: { columns: number; lastRow: number } | null): string {
  const filter = autoFilter
    ? `<autoFilter ref="A1:${columnLetters(autoFilter.columns - 1)}${autoFilter.lastRow}"/>`
    : '';
  return `</sheetData>${filter}</worksheet>`;
}

function inlineString(ref: string, text: string, style: number): string {
  const clipped = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
  const first = clipped.charCodeAt(0);
  const last = clipped.charCodeAt(clipped.length - 1);
  // Leading or trailing blanks and line breaks are kept only with xml:space="preserve".
  const space = first <= 32 || last <= 32 ? ' xml:space="preserve"' : '';
  const s = style === 0 ? '' : ` s="${style}"`;
  // Text that looks like a `_xHHHH_` character escape has its underscore escaped, in a rich-text
  // run: Excel decodes escapes in any string, exceljs only in runs and shared strings.
  const body = hasEscapeLookalike(clipped)
    ? `<r><t${space}>${xmlText(escapeLookalikes(clipped))}</t></r>`
    : `<t${space}>${xmlText(clipped)}</t>`;
  return `<c r="${ref}"${s} t="inlineStr"><is>${body}</is></c>`;
}

function numberCell(ref: string, value: number, style: number): string {
  if (!Number.isFinite(value)) return '';
  return style === 0 ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
}

export function cellXml(ref: string, value: ExportValue, kind: ColumnKind): string {
  if (value === null || value === '') return '';
  switch (kind) {
    case 'label':
      return typeof value === 'number'
        ? numberCell(ref, value, CELL_STYLE.bold)
        : inlineString(ref, value, CELL_STYLE.bold);
    case 'wallClock': {
      const wall = typeof value === 'number' ? value : parseWallClock(value);
      // Text that is not a wall clock stays text rather than becoming a wrong date.
      return wall === null
        ? inlineString(ref, String(value), CELL_STYLE.normal)
        : numberCell(ref, wallSecondsToSerial(wall), CELL_STYLE.dateTime);
    }
    case 'count':
      return typeof value === 'number'
        ? numberCell(ref, value, CELL_STYLE.count)
        : inlineString(ref, value, CELL_STYLE.normal);
    case 'share':
      return typeof value === 'number'
        ? numberCell(ref, value, CELL_STYLE.share)
        : inlineString(ref, value, CELL_STYLE.normal);
    default:
      return typeof value === 'number'
        ? numberCell(ref, value, CELL_STYLE.normal)
        : inlineString(ref, value, CELL_STYLE.normal);
  }
}

/** Builds rows; the column letters are worked out once per sheet. */
export class RowXml {
  private readonly letters: string[];

  constructor(private readonly kinds: readonly ColumnKind[]) {
    this.letters = kinds.map((_, i) => columnLetters(i));
  }

  row(rowNumber: number, values: readonly ExportValue[], kinds: readonly ColumnKind[] = this.kinds): string {
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < values.length; i++) {
      xml += cellXml(
        `${this.letters[i] ?? columnLetters(i)}${rowNumber}`,
        values[i] ?? null,
        kinds[i] ?? 'text',
      );
    }
    return `${xml}</row>`;
  }

  header(columns: readonly ExportColumn[]): string {
    return this.row(
      1,
      columns.map((c) => c.header),
      columns.map(() => 'label'),
    );
  }
}
