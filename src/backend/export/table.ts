/**
 * What an export writes, whatever the format: tables of typed columns, row by row. The CSV and
 * the xlsx writers both take this shape, so a view is read once and written either way.
 */

/**
 * How a column's values are written. `wallClock` values are Copernica's wall-clock text: kept as
 * text in CSV, a real date cell in xlsx. `label` is bold text (the report's captions).
 */
export type ColumnKind = 'id' | 'count' | 'share' | 'text' | 'wallClock' | 'label';

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters for xlsx; measured from the first rows when left out. */
  width?: number;
}

export type ExportValue = string | number | null;

export interface TableOptions {
  /** Write the header row (default true). */
  header?: boolean;
}

export interface TableWriter {
  beginTable(name: string, columns: readonly ExportColumn[], options?: TableOptions): Promise<void>;
  /**
   * Adds a row; returns a promise only when buffered output was handed on and the caller must
   * wait for the disk (backpressure), so the hot loop does not pay for a promise per row.
   * `kinds` overrides the columns' kinds for this row (the report's mixed Summary sheet).
   */
  writeRow(values: readonly ExportValue[], kinds?: readonly ColumnKind[]): Promise<void> | undefined;
  endTable(): Promise<void>;
  /** Ends the file; nothing may be written after. */
  finish(): Promise<void>;
}
