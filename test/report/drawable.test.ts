import { describe, expect, it } from 'vitest';
import { drawable, MISSING_GLYPH, reportFonts } from '../../src/backend/report/pdf/fonts';

const coverage = reportFonts().coverage;
const draw = (text: string) => drawable(text, coverage);

describe('drawable: what the report font cannot draw is marked, never left blank', () => {
  it('keeps accents, €, dashes and the emoticons DejaVu holds', () => {
    expect(draw('Crème brûlée – über €50 😀 ✓')).toBe('Crème brûlée – über €50 😀 ✓');
  });

  it('turns a character the font lacks, or an emoji sequence, into one visible mark', () => {
    expect(draw('NL 🇳🇱!')).toBe(`NL ${MISSING_GLYPH}!`);
    expect(draw('漢字')).toBe(`${MISSING_GLYPH}${MISSING_GLYPH}`);
    expect(draw('family 👨‍👩‍👧')).toBe(`family ${MISSING_GLYPH}`);
    expect(draw('lone \uD800 surrogate')).toBe(`lone ${MISSING_GLYPH} surrogate`);
  });

  it('keeps line breaks and spaces, and drops what draws nothing by itself', () => {
    expect(draw('a\r\nb\tc')).toBe('a\nb c');
    expect(draw('bell\u0007 zero\u200bwidth ☺\uFE0F')).toBe('bell zerowidth ☺');
  });

  it('reads the coverage from the font file itself', () => {
    expect(coverage.has('ü'.codePointAt(0)!)).toBe(true);
    expect(coverage.has(0x1f1f3)).toBe(false);
    expect(reportFonts().regular).toMatch(/dejavu-fonts-ttf[/\\]ttf[/\\]DejaVuSans\.ttf$/);
  });
});
