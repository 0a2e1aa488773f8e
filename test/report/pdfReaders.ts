/** PDF readers we did not write: poppler's pdftotext and pdftoppm (poppler-utils). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const popplerMissing = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error !== undefined;
if (popplerMissing)
  console.warn('pdftotext/pdftoppm (poppler-utils) not found: the PDF read-back tests are skipped');

export function pdfText(path: string, options: { layout?: boolean } = {}): string {
  return execFileSync('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
  });
}

export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Every page as PNG in test-results/screenshots/, `<name>-1.png`, `<name>-2.png`, …, for a person to look at. */
export function renderPages(path: string, name: string): string[] {
  const dir = resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  const prefix = join(dir, `${name}.tmp`);
  execFileSync('pdftoppm', ['-r', '80', '-png', path, prefix]);
  const written = readdirSync(dir)
    .filter((f) => f.startsWith(`${name}.tmp-`))
    .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)?.[1]) - Number(/-(\d+)\.png$/.exec(b)?.[1]));
  return written.map((file) => {
    const page = Number(/-(\d+)\.png$/.exec(file)?.[1]);
    const target = join(dir, `${name}-${page}.png`);
    renameSync(join(dir, file), target);
    return target;
  });
}

/** Text with all white space removed, to find a title that was wrapped over lines. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');
