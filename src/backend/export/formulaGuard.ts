/**
 * Protection against formula injection (OWASP "CSV Injection", CWE-1236): a spreadsheet reads a
 * text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, and
 * link titles, referers and user agents are written by strangers. Such text gets a leading `'`,
 * which Excel and LibreOffice show as plain text. Only text is guarded; numbers never are.
 */

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && TRIGGERS.has(text[0] as string);
}

export function guardFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
