/**
 * Generated values for the export writers' property tests: text with every awkward character
 * (delimiters, quotes, line breaks, formula triggers, invisible characters, lone surrogates,
 * controls, `_xHHHH_` lookalikes), numbers including the extremes, wall clocks and nulls; and a
 * chunk writer that fails, for "an error leaves no file".
 */
import fc from 'fast-check';
import type { ChunkWriter } from '../../src/backend/export/atomicFile';
import type { ExportColumn, ExportValue } from '../../src/backend/export/table';

/** Single UTF-16 units, so lone surrogate halves occur as well as pairs. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const awkward = fc.constantFrom(
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '"',
  "'",
  '=',
  '+',
  '-',
  '@',
  '|',
  '＝',
  '＋',
  '－',
  '＠',
  '｜',
  ' ',
  '\u00a0',
  '\u200b',
  '\u2060',
  '\ufeff',
  '_x0041_',
  '_x005F_',
  '_x00e9_',
  '\u0000',
  '\u0007',
  '😀',
);
export const text = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: awkward },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: codeUnit },
    { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'x', '1', '0', '.', '/') },
  ),
  maxLength: 40,
});

export const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 5e-324, 1e21, 0.1 + 0.2),
);

export const wallClock = fc
  .date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 19).replace('T', ' '));

export const columns: ExportColumn[] = [
  { header: 'Text', kind: 'text' },
  { header: 'Number', kind: 'count' },
  { header: 'At', kind: 'wallClock' },
  { header: 'Maybe', kind: 'text' },
];

export const row: fc.Arbitrary<ExportValue[]> = fc.tuple(
  text,
  number,
  wallClock,
  fc.oneof(fc.constant(null), text, number),
);

/** Rows in a file: the property tests batch values, a file per run. */
export const ROWS_PER_FILE = 1_000;
export const rows = fc.array(row, { minLength: ROWS_PER_FILE, maxLength: ROWS_PER_FILE });

/** A chunk writer whose write number `failAt` (from 1) fails as a full disk would. */
export function failingAt(out: ChunkWriter, failAt: number): ChunkWriter {
  let writes = 0;
  return {
    write: (chunk) =>
      ++writes === failAt
        ? Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))
        : out.write(chunk),
  };
}

/** The same number, but -0 reads back as 0 in every format. */
export const readBack = (value: number): number => (Object.is(value, -0) ? 0 : value);

/** Each half of a surrogate pair left alone as U+FFFD, as a UTF-8 encoder writes it. */
export const wellFormed = (value: string): string =>
  // In a /u pattern a surrogate pair is one code point, so the range matches lone halves only.
  value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
