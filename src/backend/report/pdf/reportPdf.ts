/**
 * A report's pages with pdfkit: A4, DejaVu embedded, headings, paragraphs, tables whose cells
 * wrap (a 300-character link title takes three lines, never runs off the page) and repeat their
 * header on a new page, footnotes, and "Page n of m" on every page once the count is known.
 * Every string goes through `drawable` first, so a character the font lacks shows as a mark.
 */
import PDFDocument from 'pdfkit';
import type { ChunkWriter } from '../../export/atomicFile';
import { drawable, reportFonts } from './fonts';

export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
export const INK = {
  text: '#1f2430',
  muted: '#5b6473',
  rule: '#c9ced6',
  accent: '#1f5fa8',
  second: '#c2571a',
};

export interface TableColumn {
  header: string;
  /** Share of the usable width; the shares of a table add up to 1. */
  width: number;
  align?: 'left' | 'right';
  /** The cell's text after its first line break is a smaller, muted second line (a link's address). */
  subline?: boolean;
}

function split(text: string, subline: boolean): [string, string | null] {
  const at = subline ? text.indexOf('\n') : -1;
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1)];
}

export class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly fonts = reportFonts();

  constructor(title: string) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      bufferPages: true,
      info: { Title: this.safe(title), Creator: 'Copernica Clicks' },
    });
    this.doc.registerFont('regular', this.fonts.regular);
    this.doc.registerFont('bold', this.fonts.bold);
    this.doc.font('regular').fontSize(10).fillColor(INK.text);
  }

  get contentWidth(): number {
    return PAGE.width - 2 * PAGE.margin;
  }

  get bottom(): number {
    return PAGE.height - PAGE.margin;
  }

  safe(text: string): string {
    return drawable(text, this.fonts.coverage);
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensureRoom(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string): void {
    this.doc.font('bold').fontSize(18).fillColor(INK.text);
    this.doc.text(this.safe(text), PAGE.margin, this.doc.y, { width: this.contentWidth });
    this.doc.moveDown(0.4);
  }

  heading(text: string): void {
    this.ensureRoom(60);
    this.doc.moveDown(0.6);
    this.doc.font('bold').fontSize(12.5).fillColor(INK.text);
    this.doc.text(this.safe(text), PAGE.margin, this.doc.y, { width: this.contentWidth });
    this.doc.moveDown(0.25);
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; colour?: string } = {}): void {
    this.doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(options.size ?? 10)
      .fillColor(options.colour ?? INK.text);
    this.doc.text(this.safe(text), PAGE.margin, this.doc.y, { width: this.contentWidth });
  }

  /** Label–value lines, the labels in a column of their own. */
  facts(rows: [string, string][], labelWidth = 170): void {
    for (const [label, value] of rows) {
      const valueWidth = this.contentWidth - labelWidth;
      this.doc.font('regular').fontSize(10);
      const height = Math.max(this.doc.heightOfString(this.safe(value), { width: valueWidth }), 12);
      this.ensureRoom(height + 2);
      const y = this.doc.y;
      this.doc.fillColor(INK.muted).text(this.safe(label), PAGE.margin, y, { width: labelWidth - 8 });
      this.doc.fillColor(INK.text).text(this.safe(value), PAGE.margin + labelWidth, y, { width: valueWidth });
      this.doc.y = y + height + 2;
    }
  }

  table(
    columns: readonly TableColumn[],
    rows: readonly (readonly string[])[],
    options: { size?: number } = {},
  ): void {
    const size = options.size ?? 9;
    const widths = columns.map((c) => c.width * this.contentWidth);
    const pad = 3;
    const cellHeight = (text: string, i: number, bold: boolean): number => {
      const width = widths[i]! - 2 * pad;
      const [first, rest] = split(text, columns[i]!.subline === true);
      this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
      let height = this.doc.heightOfString(first, { width });
      if (rest !== null) height += this.doc.fontSize(size - 1.5).heightOfString(rest, { width });
      return height;
    };
    const drawRow = (cells: readonly string[], bold: boolean): void => {
      const texts = cells.map((cell) => this.safe(cell));
      const height = Math.max(...texts.map((text, i) => cellHeight(text, i, bold))) + 2 * pad;
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        if (!bold)
          drawRow(
            columns.map((c) => c.header),
            true,
          );
      }
      const y = this.doc.y;
      let x = PAGE.margin;
      texts.forEach((text, i) => {
        const options = { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' };
        const [first, rest] = split(text, columns[i]!.subline === true);
        this.doc
          .font(bold ? 'bold' : 'regular')
          .fontSize(size)
          .fillColor(bold ? INK.muted : INK.text)
          .text(first, x + pad, y + pad, options);
        if (rest !== null)
          this.doc
            .fontSize(size - 1.5)
            .fillColor(INK.muted)
            .text(rest, options);
        x += widths[i]!;
      });
      this.doc
        .moveTo(PAGE.margin, y + height)
        .lineTo(PAGE.margin + this.contentWidth, y + height)
        .lineWidth(bold ? 0.8 : 0.3)
        .strokeColor(INK.rule)
        .stroke();
      this.doc.y = y + height;
    };
    drawRow(
      columns.map((c) => c.header),
      true,
    );
    for (const row of rows) drawRow(row, false);
    this.doc.x = PAGE.margin;
    this.doc.moveDown(0.3);
  }

  footnotes(notes: readonly string[]): void {
    if (notes.length === 0) return;
    this.doc.moveDown(0.5);
    this.ensureRoom(30);
    this.doc
      .moveTo(PAGE.margin, this.doc.y)
      .lineTo(PAGE.margin + 120, this.doc.y)
      .lineWidth(0.5)
      .strokeColor(INK.rule)
      .stroke();
    this.doc.moveDown(0.3);
    notes.forEach((note, i) => this.paragraph(`${i + 1}. ${note}`, { size: 7.5, colour: INK.muted }));
  }

  /** Numbers every page at its foot, then hands the bytes to `writer`. */
  async finish(writer: ChunkWriter, pageLabel: (n: number, of: number) => string): Promise<void> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Writing inside the bottom margin would start a new page; the margin is lifted to write it.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .font('regular')
        .fontSize(8)
        .fillColor(INK.muted)
        .text(pageLabel(i + 1, range.count), PAGE.margin, PAGE.height - PAGE.margin / 2 - 4, {
          width: this.contentWidth,
          align: 'right',
          lineBreak: false,
        });
      this.doc.page.margins.bottom = margin;
    }
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    const pending: Promise<void>[] = [];
    this.doc.on('data', (chunk: Buffer) => pending.push(writer.write(chunk)));
    this.doc.end();
    await done;
    await Promise.all(pending);
  }
}
