/**
 * Protection against formula injection (OWASP "CSV Injection", CWE-1236): a spreadsheet reads a
 * text cell that starts with `=`, `+`, `-`, `@` or `|` (or their full-width forms), a tab or a
 * carriage return as a formula, and link titles, referers and user agents are written by
 * strangers. Such text gets a `'` before the trigger, which Excel and LibreOffice show as text.
 *
 * Looking at the field's first character is not enough: a file written with `;` and opened by an
 * Excel that splits on `,` (or on a tab) starts a cell after every `,` inside the text, and a
 * reader that splits on another character never sees the quotes that keep the field together
 * (`123;"a,=1+1"` split on `,` gives `123;"a` and `=1+1"`), so a line break inside a quoted field
 * starts a record for it too. So the guard works on every segment a reader could see as a cell:
 * the text's start and whatever follows a `,`, `;`, tab, CR or LF, and it looks past the leading
 * characters a reader trims or a person cannot see (spaces, NBSP, zero-width characters, the BOM,
 * and a quote that such a reader might take as opening a field). Only text is guarded; numbers
 * never are.
 */

/** `= + - @ |`, their full-width forms `＝ ＋ － ＠ ｜`, tab and CR. */
const TRIGGER = '[=+\\-@|\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFF5C\\t\\r]';
/** Where a reader with any of the three delimiters (or any line break) begins a cell. */
const SEGMENT_START = '(?:^|[,;\\t\\r\\n])';
/** Skipped before the first character that counts: blanks, NBSP, ZWSP/ZWNJ/ZWJ, word joiner, BOM, `"`. */
const IGNORABLE = '[ \\u00A0\\u200B-\\u200D\\u2060\\uFEFF"]*';

/** Whether a text needs the guard at all: a forward scan, cheap enough for every field of an export. */
const EXPOSED = new RegExp(`${SEGMENT_START}${IGNORABLE}${TRIGGER}`);
/**
 * The place just before each exposed trigger. A zero-width match, so that a tab or CR that is a
 * trigger itself still counts as the separator in front of the next one (`\t=1` → `'\t'=1`).
 */
const BEFORE_EXPOSED = new RegExp(`(?<=${SEGMENT_START}${IGNORABLE})(?=${TRIGGER})`, 'g');

/**
 * Puts a `'` before every trigger that starts a segment (see above); the rest of the text is left
 * as it is, so removing those apostrophes gives the original back.
 */
export function guardFormula(text: string): string {
  return EXPOSED.test(text) ? text.replace(BEFORE_EXPOSED, "'") : text;
}
