/**
 * A truly streaming xlsx writer: each worksheet's XML is generated row by row into a zip entry
 * (yazl over Node's zlib), and the zip's output is written to disk as it is produced. Every
 * stage waits for the next (drain), so memory stays flat at a million rows — unlike exceljs's
 * "streaming" WorkbookWriter, which holds a sheet's XML until commit (about 800 MB at 1M rows).
 * A table longer than a sheet can hold continues on further sheets ("Clicks (2)", …), each with
 * the header again.
 */
import { PassThrough } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ChunkWriter } from '../atomicFile';
import type { ColumnKind, ExportColumn, ExportValue, TableOptions, TableWriter } from '../table';
import {
  appXml,
  contentTypesXml,
  coreXml,
  ROOT_RELS_XML,
  type SheetEntry,
  sheetPath,
  workbookRelsXml,
  workbookXml,
} from './packageParts';
import { EXCEL_MAX_ROWS, measureWidths, RowXml, sheetHead, sheetTail } from './sheetXml';
import { STYLES_XML } from './styles';
import { sheetName } from './xml';

export interface XlsxOptions {
  /** Data rows per sheet before a table continues on the next; Excel's limit by default. */
  rowsPerSheet?: number;
  /** The workbook's title in its properties. */
  title?: string;
  /** Creation time in the properties; now by default. */
  created?: Date;
  /** zlib level; 6 by default, as zip tools use. */
  compressionLevel?: number;
}

/** Rows read before a sheet's head is written, to size its columns. */
const SAMPLE_ROWS = 100;
const CHUNK_CHARS = 64 * 1024;

interface OpenTable {
  baseName: string;
  columns: readonly ExportColumn[];
  kinds: readonly ColumnKind[];
  header: boolean;
  /** Continuation sheets so far (1 for the first). */
  sheetCount: number;
  widths: number[] | null;
  sample: ExportValue[][];
  kindsOfSample: (readonly ColumnKind[] | undefined)[];
}

interface OpenSheet {
  entry: SheetEntry;
  stream: PassThrough;
  rows: RowXml;
  /** The last row number written, header included. */
  lastRow: number;
  dataRows: number;
}

export class XlsxWorkbookWriter implements TableWriter {
  private readonly zip = new ZipFile();
  private readonly sheets: SheetEntry[] = [];
  private readonly names = new Set<string>();
  private readonly rowsPerSheet: number;
  private readonly pump: Promise<void>;
  private failure: Error | null = null;
  private failed: Promise<never>;
  private table: OpenTable | null = null;
  private sheet: OpenSheet | null = null;
  private chunk = '';

  constructor(
    out: ChunkWriter,
    private readonly options: XlsxOptions = {},
  ) {
    this.rowsPerSheet = Math.min(options.rowsPerSheet ?? EXCEL_MAX_ROWS - 1, EXCEL_MAX_ROWS - 1);
    if (this.rowsPerSheet < 1) throw new RangeError('rowsPerSheet must be at least 1.');
    const created = options.created ?? new Date();
    this.zip.addBuffer(Buffer.from(ROOT_RELS_XML), '_rels/.rels', { mtime: created });
    this.zip.addBuffer(Buffer.from(STYLES_XML), 'xl/styles.xml', { mtime: created });
    this.zip.addBuffer(
      Buffer.from(coreXml(options.title ?? 'Copernica Clicks', created)),
      'docProps/core.xml',
      {
        mtime: created,
      },
    );
    let fail: (error: Error) => void = () => undefined;
    this.failed = new Promise<never>((_, reject) => (fail = reject));
    // Awaited only in races and finish(); never left to reject unobserved.
    this.failed.catch(() => undefined);
    const output = this.zip.outputStream as NodeJS.ReadableStream & AsyncIterable<Buffer>;
    this.pump = (async () => {
      for await (const bytes of output) await out.write(bytes);
    })().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
      fail(this.failure);
      this.abort();
    });
  }

  /** Sheets begun so far (a long table counts once per sheet it fills). */
  get sheetCount(): number {
    return this.sheets.length;
  }

  async beginTable(name: string, columns: readonly ExportColumn[], options?: TableOptions): Promise<void> {
    if (this.table) await this.endTable();
    this.table = {
      baseName: sheetName(name),
      columns,
      kinds: columns.map((c) => c.kind),
      header: options?.header !== false,
      sheetCount: 0,
      widths: null,
      sample: [],
      kindsOfSample: [],
    };
  }

  writeRow(values: readonly ExportValue[], kinds?: readonly ColumnKind[]): Promise<void> | undefined {
    const table = this.table;
    if (!table) throw new Error('writeRow before beginTable');
    if (!table.widths) {
      table.sample.push([...values]);
      table.kindsOfSample.push(kinds);
      return table.sample.length >= SAMPLE_ROWS ? this.startFromSample(table) : undefined;
    }
    return this.appendRow(values, kinds);
  }

  async endTable(): Promise<void> {
    const table = this.table;
    if (!table) return;
    if (!table.widths) await this.startFromSample(table);
    if (!this.sheet) await this.openSheet(table);
    await this.closeSheet();
    this.table = null;
  }

  async finish(): Promise<void> {
    await this.endTable();
    if (this.sheets.length === 0) throw new Error('A workbook needs at least one sheet.');
    const add = (xml: string, path: string): void =>
      this.zip.addBuffer(Buffer.from(xml), path, { mtime: this.options.created ?? new Date() });
    add(workbookXml(this.sheets), 'xl/workbook.xml');
    add(workbookRelsXml(this.sheets), 'xl/_rels/workbook.xml.rels');
    add(appXml(this.sheets), 'docProps/app.xml');
    add(contentTypesXml(this.sheets), '[Content_Types].xml');
    this.zip.end();
    await this.pump;
    if (this.failure) throw this.failure;
  }

  /** Stops producing after a failure or a cancel; the caller deletes the partial file. */
  abort(): void {
    this.sheet?.stream.destroy();
    (this.zip.outputStream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }

  private async startFromSample(table: OpenTable): Promise<void> {
    table.widths = measureWidths(table.columns, table.sample);
    const sample = table.sample;
    const kinds = table.kindsOfSample;
    table.sample = [];
    table.kindsOfSample = [];
    if (!this.sheet) await this.openSheet(table);
    for (const [i, row] of sample.entries()) {
      const wait = this.appendRow(row, kinds[i]);
      if (wait) await wait;
    }
  }

  private appendRow(
    values: readonly ExportValue[],
    kinds?: readonly ColumnKind[],
  ): Promise<void> | undefined {
    const table = this.table as OpenTable;
    const sheet = this.sheet;
    if (!sheet || sheet.dataRows >= this.rowsPerSheet) return this.continueOnNewSheet(table, values, kinds);
    sheet.lastRow += 1;
    sheet.dataRows += 1;
    this.chunk += sheet.rows.row(sheet.lastRow, values, kinds);
    return this.chunk.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  private async continueOnNewSheet(
    table: OpenTable,
    values: readonly ExportValue[],
    kinds?: readonly ColumnKind[],
  ): Promise<void> {
    if (this.sheet) await this.closeSheet();
    await this.openSheet(table);
    const wait = this.appendRow(values, kinds);
    if (wait) await wait;
  }

  private async openSheet(table: OpenTable): Promise<void> {
    this.throwIfFailed();
    table.sheetCount += 1;
    const name = this.uniqueName(
      table.sheetCount === 1 ? table.baseName : continuationName(table.baseName, table.sheetCount),
    );
    const entry: SheetEntry = { name, part: this.sheets.length + 1, filter: null };
    this.sheets.push(entry);
    const stream = new PassThrough({ highWaterMark: CHUNK_CHARS });
    this.zip.addReadStream(stream, sheetPath(entry.part), {
      mtime: this.options.created ?? new Date(),
      compressionLevel: this.options.compressionLevel ?? 6,
    });
    const rows = new RowXml(table.kinds);
    this.sheet = { entry, stream, rows, lastRow: 0, dataRows: 0 };
    this.chunk = sheetHead({
      columns: table.columns,
      header: table.header,
      widths: table.widths ?? measureWidths(table.columns, []),
    });
    if (table.header) {
      this.chunk += rows.header(table.columns);
      this.sheet.lastRow = 1;
    }
  }

  private async closeSheet(): Promise<void> {
    const sheet = this.sheet;
    const table = this.table;
    if (!sheet || !table) return;
    sheet.entry.filter = table.header ? { columns: table.columns.length, lastRow: sheet.lastRow } : null;
    this.chunk += sheetTail(sheet.entry.filter);
    await this.flush();
    this.sheet = null;
    sheet.stream.end();
  }

  private async flush(): Promise<void> {
    this.throwIfFailed();
    const sheet = this.sheet;
    if (!sheet || this.chunk === '') return;
    const text = this.chunk;
    this.chunk = '';
    if (sheet.stream.write(text)) return;
    await Promise.race([new Promise<void>((resolve) => sheet.stream.once('drain', resolve)), this.failed]);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private uniqueName(name: string): string {
    let candidate = name;
    for (let n = 2; this.names.has(candidate.toLowerCase()); n++) candidate = continuationName(name, n);
    this.names.add(candidate.toLowerCase());
    return candidate;
  }
}

/** "Clicks (2)": the suffix always fits in Excel's 31 characters. */
function continuationName(base: string, n: number): string {
  const suffix = ` (${n})`;
  return `${base.slice(0, 31 - suffix.length)}${suffix}`;
}
