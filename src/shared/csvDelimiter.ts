/**
 * The CSV delimiter Excel expects in a locale: where the decimal separator is a comma (nl, de,
 * fr, …) Excel's list separator is a semicolon, and a comma-separated file opens as one column.
 * Shared so that the export dialog proposes the same default the backend falls back to.
 */
export function defaultDelimiter(locale: string | undefined): ',' | ';' {
  let decimal = '.';
  try {
    decimal =
      new Intl.NumberFormat(locale || undefined).formatToParts(1.5).find((p) => p.type === 'decimal')
        ?.value ?? '.';
  } catch {
    // An unknown locale tag: fall back to the comma, the RFC's own delimiter.
  }
  return decimal === ',' ? ';' : ',';
}
