import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's stylesheets: colours only in the tokens file, each selector defined once, and
 * both themes readable. A small parser is enough for the CSS we write (no nesting, no strings
 * holding braces); it keeps the test free of a CSS library.
 */

const rendererDir = join(__dirname, '../../src/renderer/src');
const tokensFile = 'styles/tokens.css';

interface Rule {
  file: string;
  /** The at-rules the rule sits in, outermost first, e.g. ['@media (prefers-color-scheme: dark)']. */
  context: string[];
  selectors: string[];
  declarations: [property: string, value: string][];
}

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Splits on commas outside parentheses and brackets: `.a:is(.b, .c), .d` is two selectors. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map(normalise).filter(Boolean);
}

function parseDeclarations(body: string): [string, string][] {
  return body
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      return [part.slice(0, colon).trim(), normalise(part.slice(colon + 1))];
    });
}

function parseCss(file: string, source: string): Rule[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  const context: string[] = [];
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('{', position);
    const close = text.indexOf('}', position);
    if (close !== -1 && (open === -1 || close < open)) {
      context.pop();
      position = close + 1;
      continue;
    }
    if (open === -1) break;
    const prelude = normalise(text.slice(position, open));
    if (prelude.startsWith('@')) {
      if (prelude.startsWith('@keyframes')) {
        // Frames (from, to) are not selectors; skip the whole block.
        let depth = 0;
        let end = open;
        do {
          if (text[end] === '{') depth++;
          else if (text[end] === '}') depth--;
          end++;
        } while (depth > 0);
        position = end;
      } else {
        context.push(prelude);
        position = open + 1;
      }
      continue;
    }
    const end = text.indexOf('}', open);
    rules.push({
      file,
      context: [...context],
      selectors: splitTopLevel(prelude),
      declarations: parseDeclarations(text.slice(open + 1, end)),
    });
    position = end + 1;
  }
  return rules;
}

const files = cssFiles(rendererDir).map((path) => ({
  name: relative(rendererDir, path).split('\\').join('/'),
  source: readFileSync(path, 'utf8'),
}));
const rules = files.flatMap(({ name, source }) => parseCss(name, source));

const colourPattern =
  /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color-mix)\(|\b(?:white|black)\b/i;

describe('the stylesheets', () => {
  it('has a tokens file and the files beside their components', () => {
    expect(files.map((file) => file.name)).toContain(tokensFile);
    expect(files.length).toBeGreaterThan(5);
  });

  it('writes colours down only in the tokens file', () => {
    const offenders = rules
      .filter((rule) => rule.file !== tokensFile)
      .flatMap((rule) =>
        rule.declarations
          .filter(([, value]) => colourPattern.test(value))
          .map(([property, value]) => `${rule.file}: ${rule.selectors.join(', ')} { ${property}: ${value} }`),
      );
    expect(offenders).toEqual([]);
  });

  it('defines each selector in one file, and each of its properties once', () => {
    // A group rule plus a rule of its own (`.a, .b {…}` then `.b {…}`) is fine within a file as
    // long as they set different properties; two rules that could disagree are not.
    const seen = new Map<string, { file: string; properties: Set<string> }>();
    const duplicates: string[] = [];
    for (const rule of rules) {
      for (const selector of rule.selectors) {
        // A theme block inside a media query may redefine what the top level defines.
        const key = [...rule.context, selector].join(' » ');
        const earlier = seen.get(key);
        if (!earlier) {
          seen.set(key, { file: rule.file, properties: new Set(rule.declarations.map(([p]) => p)) });
          continue;
        }
        if (earlier.file !== rule.file) duplicates.push(`${key} (${earlier.file} and ${rule.file})`);
        for (const [property] of rule.declarations) {
          if (earlier.properties.has(property))
            duplicates.push(`${key} { ${property} } twice in ${rule.file}`);
          earlier.properties.add(property);
        }
      }
    }
    expect(duplicates).toEqual([]);
  });

  it('uses only tokens that the tokens file defines', () => {
    const defined = new Set(
      rules.flatMap((rule) =>
        rule.declarations.map(([property]) => property).filter((p) => p.startsWith('--')),
      ),
    );
    const used = new Set(
      rules.flatMap((rule) =>
        rule.declarations.flatMap(([, value]) => [...value.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!)),
      ),
    );
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });
});

// ---- The themes ----

type Tokens = Map<string, string>;

function rootTokens(): Rule {
  const rule = rules.find((r) => r.file === tokensFile && r.selectors.includes(':root') && !r.context.length);
  if (!rule) throw new Error(`${tokensFile} has no :root block.`);
  return rule;
}

/** The value with each light-dark(light, dark) replaced by the theme's half. */
function resolveTheme(value: string, theme: 'light' | 'dark'): string {
  let out = value;
  for (let at = out.indexOf('light-dark('); at !== -1; at = out.indexOf('light-dark(')) {
    const open = at + 'light-dark'.length;
    let depth = 0;
    let close = open;
    do {
      if (out[close] === '(') depth++;
      else if (out[close] === ')') depth--;
      close++;
    } while (depth > 0);
    const [light, dark] = splitTopLevel(out.slice(open + 1, close - 1));
    if (!light || !dark) throw new Error(`${value} has a light-dark() without two colours.`);
    out = out.slice(0, at) + (theme === 'light' ? light : dark) + out.slice(close);
  }
  return out;
}

function themeTokens(theme: 'light' | 'dark'): Tokens {
  return new Map(
    rootTokens()
      .declarations.filter(([property]) => property.startsWith('--'))
      .map(([property, value]) => [property, resolveTheme(value, theme)]),
  );
}

// Read when a test runs, so a missing block fails that test rather than the whole file.
const light = () => themeTokens('light');
const dark = () => themeTokens('dark');

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`${hex} is not a #rrggbb colour.`);
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio between two #rrggbb colours, from 1 to 21. */
function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/** Text (foreground token) on the background token it is drawn on somewhere in the app. */
const textPairs: [text: string, background: string][] = [
  ['--text', '--bg'],
  ['--text', '--surface'],
  ['--text', '--surface-alt'],
  ['--text', '--sidebar-bg'],
  ['--text', '--hover-bg'],
  ['--text', '--control-hover'],
  ['--text', '--accent-soft'],
  ['--text', '--danger-soft'],
  ['--text', '--tabs-bg'],
  ['--text', '--neutral-bg'],
  ['--text-muted', '--bg'],
  ['--text-muted', '--surface'],
  ['--text-muted', '--surface-alt'],
  ['--text-muted', '--sidebar-bg'],
  ['--text-muted', '--note-bg'],
  ['--text-muted', '--tabs-bg'],
  ['--text-muted', '--neutral-bg'],
  ['--text-muted', '--control-hover'],
  ['--text-code', '--surface'],
  ['--neutral-text', '--neutral-bg'],
  ['--accent', '--surface'],
  ['--accent', '--accent-soft'],
  ['--on-accent', '--accent'],
  ['--on-accent', '--accent-hover'],
  ['--on-accent', '--danger'],
  ['--on-accent', '--danger-hover'],
  ['--danger', '--surface'],
  ['--danger', '--danger-soft'],
  ['--danger-text', '--danger-soft'],
  ['--ok', '--surface'],
  ['--ok', '--ok-soft'],
  ['--warning-text', '--warning-soft'],
  ['--badge-warning-text', '--badge-warning-bg'],
  ['--demo-text', '--demo-bg'],
];

/** Chart bars are drawn on the views' surface. */
const seriesPairs: [series: string, background: string][] = [
  ['--chart-series-all', '--surface'],
  ['--chart-series', '--surface'],
  ['--chart-series-filtered', '--surface'],
  // The filtered series is drawn over all clicks.
  ['--chart-series-filtered', '--chart-series-all'],
];

function ratios(tokens: Tokens, pairs: [string, string][]) {
  return pairs.map(([foreground, background]) => {
    const fg = tokens.get(foreground);
    const bg = tokens.get(background);
    if (!fg || !bg) throw new Error(`A token of ${foreground} on ${background} is not defined.`);
    return { pair: `${foreground} on ${background}`, ratio: contrastRatio(fg, bg) };
  });
}

describe('the themes', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // WCAG's own example: #767676 on white is the lightest grey that passes 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('gives every colour token a light and a dark value', () => {
    const oneThemeOnly = rootTokens()
      .declarations.filter(([property, value]) => property.startsWith('--') && colourPattern.test(value))
      .filter(([, value]) => resolveTheme(value, 'light') === resolveTheme(value, 'dark'))
      .map(([property]) => property);
    expect(oneThemeOnly).toEqual([]);
  });

  it('turns dark with the system setting unless data-theme says light, and with data-theme dark', () => {
    const schemeOf = (selector: string, context: string[]) =>
      rules
        .filter(
          (r) =>
            r.file === tokensFile && r.selectors.includes(selector) && r.context.join() === context.join(),
        )
        .map((r) => r.declarations);
    expect(schemeOf(":root:not([data-theme='light'])", ['@media (prefers-color-scheme: dark)'])).toEqual([
      [['color-scheme', 'dark']],
    ]);
    expect(schemeOf(":root[data-theme='dark']", [])).toEqual([[['color-scheme', 'dark']]]);
  });

  it('keeps text at 4.5:1 and chart series at 3:1 in the dark theme', () => {
    const weak = [
      ...ratios(dark(), textPairs).filter(({ ratio }) => ratio < 4.5),
      ...ratios(dark(), seriesPairs).filter(({ ratio }) => ratio < 3),
    ];
    expect(weak).toEqual([]);
  });

  it('keeps text at 4.5:1 and chart series at 3:1 in the light theme', () => {
    const weak = [
      ...ratios(light(), textPairs).filter(({ ratio }) => ratio < 4.5),
      ...ratios(light(), seriesPairs).filter(({ ratio }) => ratio < 3),
    ];
    expect(weak).toEqual([]);
  });
});
