/**
 * Which characters a TrueType font has a glyph for, read from its `cmap` table (formats 4 and
 * 12, which every Unicode font carries). The report writes text in DejaVu; a character it lacks
 * would be drawn as nothing, so the writer asks here first and puts a visible mark instead.
 */
import { readFileSync } from 'node:fs';

export class FontCoverage {
  private readonly ranges: [number, number][] = [];

  constructor(path: string) {
    const font = readFileSync(path);
    const tables = font.readUInt16BE(4);
    let cmap = -1;
    for (let i = 0; i < tables; i++) {
      const record = 12 + i * 16;
      if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
    }
    if (cmap < 0) throw new Error(`${path} has no cmap table`);
    const subtables = font.readUInt16BE(cmap + 2);
    for (let i = 0; i < subtables; i++) {
      const platform = font.readUInt16BE(cmap + 4 + i * 8);
      const encoding = font.readUInt16BE(cmap + 6 + i * 8);
      if (platform !== 3 && platform !== 0) continue;
      const at = cmap + font.readUInt32BE(cmap + 8 + i * 8);
      const format = font.readUInt16BE(at);
      if (format === 12 && (platform === 0 || encoding === 10)) this.readFormat12(font, at);
      else if (format === 4) this.readFormat4(font, at);
    }
    this.ranges.sort((a, b) => a[0] - b[0]);
  }

  has(codePoint: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end] = this.ranges[mid]!;
      if (codePoint < start) hi = mid - 1;
      else if (codePoint > end) lo = mid + 1;
      else return true;
    }
    return false;
  }

  private readFormat12(font: Buffer, at: number): void {
    const groups = font.readUInt32BE(at + 12);
    for (let g = 0; g < groups; g++) {
      const group = at + 16 + g * 12;
      this.ranges.push([font.readUInt32BE(group), font.readUInt32BE(group + 4)]);
    }
  }

  /** Segments map to glyph 0 (none) for some code points; those are left out one by one. */
  private readFormat4(font: Buffer, at: number): void {
    const segments = font.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const offsets = deltas + segments * 2;
    for (let s = 0; s < segments; s++) {
      const end = font.readUInt16BE(ends + s * 2);
      const start = font.readUInt16BE(starts + s * 2);
      if (start === 0xffff) continue;
      const delta = font.readInt16BE(deltas + s * 2);
      const offset = font.readUInt16BE(offsets + s * 2);
      let runStart = -1;
      for (let c = start; c <= end + 1; c++) {
        let glyph = 0;
        if (c <= end) {
          if (offset === 0) glyph = (c + delta) & 0xffff;
          else {
            const raw = font.readUInt16BE(offsets + s * 2 + offset + (c - start) * 2);
            glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
          }
        }
        if (glyph !== 0 && runStart < 0) runStart = c;
        if (glyph === 0 && runStart >= 0) {
          this.ranges.push([runStart, c - 1]);
          runStart = -1;
        }
      }
    }
  }
}
