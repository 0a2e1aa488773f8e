/**
 * The report's fonts: DejaVu Sans, which holds Latin with every accent, €, Greek, Cyrillic and
 * many symbols and emoticons, embedded (subset) in each PDF. The files come from the
 * dejavu-fonts-ttf package, resolved like a module so that the CLI (node_modules) and the
 * packaged app (app.asar.unpacked/node_modules, see electron-builder.config.mjs) both find them.
 */
import { createRequire } from 'node:module';
import { AppError } from '../../../shared/errors';
import { FontCoverage } from './fontCoverage';

export interface ReportFonts {
  regular: string;
  bold: string;
  coverage: FontCoverage;
}

let loaded: ReportFonts | null = null;

export function reportFonts(): ReportFonts {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  try {
    const regular = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    const bold = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
    loaded = { regular, bold, coverage: new FontCoverage(regular) };
    return loaded;
  } catch (error) {
    throw new AppError('internal', 'The report font (DejaVu Sans) is missing from this installation.', {
      cause: error,
    });
  }
}

/** What a character the font lacks is drawn as: visible, never a blank. */
export const MISSING_GLYPH = '□';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/**
 * Code points that draw nothing by themselves, so a cluster is judged by its other ones: control
 * characters, zero-width spaces and joiners, variation selectors, tag characters, skin tones.
 */
const invisibleRanges: [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x7f],
  [0x200b, 0x200d],
  [0xfe00, 0xfe0f],
  [0xe0020, 0xe007f],
  [0x1f3fb, 0x1f3ff],
];
const invisible = (codePoint: number): boolean =>
  invisibleRanges.some(([from, to]) => codePoint >= from && codePoint <= to);

/** The text with each character cluster the font cannot draw replaced by one visible mark. */
export function drawable(text: string, coverage: FontCoverage): string {
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (/^\s+$/.test(segment)) {
      out += segment.includes('\n') ? '\n' : ' ';
      continue;
    }
    let ok = true;
    let visible = '';
    for (const char of segment) {
      const codePoint = char.codePointAt(0)!;
      if (invisible(codePoint)) continue;
      visible += char;
      if (!coverage.has(codePoint)) ok = false;
    }
    // An emoji sequence (a flag, a family) is one picture: it becomes one mark, not several.
    const regional =
      [...visible].length > 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(visible);
    out += ok && !regional ? visible : MISSING_GLYPH;
  }
  return out;
}
