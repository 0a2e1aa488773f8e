/** XML text for SpreadsheetML: escaping, characters XML 1.0 cannot hold, cell references. */

/** C0 controls other than tab, LF and CR, U+FFFE/U+FFFF, and halves of a surrogate pair left alone. */
/* eslint-disable no-control-regex -- finding control characters is the point */
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_WORK = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/* eslint-enable no-control-regex */

/**
 * Escapes text for an element or a double-quoted attribute. What XML cannot hold becomes U+FFFD,
 * the replacement character, so that a reader sees that something was there.
 */
export function xmlText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return (
    value
      .replace(INVALID_XML, '\uFFFD')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      // A parser turns a bare CR (and CRLF) into LF; a character reference survives.
      .replaceAll('\r', '&#13;')
  );
}

/** `_xHHHH_`: how SpreadsheetML strings encode a character (`_x0041_` reads as "A"). */
const ESCAPE_LOOKALIKE = /_x[0-9A-Fa-f]{4}_/;
/** The underscore of each lookalike; the trailing `_` is not taken, so `_x0041_x0042_` has two. */
const LOOKALIKE_UNDERSCORE = /_(?=x[0-9A-Fa-f]{4}_)/g;

export function hasEscapeLookalike(text: string): boolean {
  return ESCAPE_LOOKALIKE.test(text);
}

/** Writes the underscore that starts a lookalike as `_x005F_`, so that a reader gives the text back. */
export function escapeLookalikes(text: string): string {
  return text.replace(LOOKALIKE_UNDERSCORE, '_x005F_');
}

/** Excel column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`, not blank. */
export function sheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (cleaned || 'Sheet').slice(0, 31);
}

export const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
