import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tempDir';

const repoRoot = resolve(import.meta.dirname, '../..');
const script = join(repoRoot, 'scripts', 'check-cycles.mjs');

/** Writes a small source tree: path → file text. */
function tree(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function check(folder: string) {
  const run = spawnSync(process.execPath, [script, folder], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('scripts/check-cycles.mjs', () => {
  const tempDir = useTempDir();

  it.each<{ what: string; files: Record<string, string>; cycle: string }>([
    {
      what: 'two files that import each other, naming both, type-only imports included',
      files: {
        'main/handlers.ts':
          "import { createExports } from './exports';\nexport const handlers = createExports;\n",
        'main/exports.ts':
          "import type { Access } from './handlers';\nexport const createExports = (a: Access) => a;\n",
      },
      cycle: 'main/exports.ts -> main/handlers.ts -> main/exports.ts',
    },
    {
      what: 'a cycle through multi-line imports, re-exports, dynamic imports, .tsx files and folder indexes',
      files: {
        'a.ts': "import {\n  b,\n  type B,\n} from './b';\nexport const a = b;\n",
        'b.ts': "export * from './view';\nexport const b = 1;\nexport type B = number;\n",
        'view.tsx': "export const load = () => import('./parts');\n",
        'parts/index.ts': "export { a } from '../a';\n",
      },
      cycle: 'a.ts -> b.ts -> view.tsx -> parts/index.ts -> a.ts',
    },
  ])('fails on $what', ({ files, cycle }) => {
    const { status, output } = check(tree(tempDir(), files));
    expect(status).toBe(1);
    expect(output).toContain(cycle);
  });

  it('passes a tree whose imports only go one way, and ignores imports in comments and packages', () => {
    const root = tree(tempDir(), {
      'shared/result.ts': "import { z } from 'zod';\nexport const result = z;\n",
      'main/a.ts': "import { result } from '../shared/result';\nexport const a = result;\n",
      // An example in a doc comment is not an import.
      'shared/doc.ts':
        "/** import { a } from '../main/a'; */\n// import { a } from '../main/a';\nimport '../main/a';\n",
    });
    expect(check(root)).toEqual({ status: 0, output: expect.stringContaining('No import cycles') });
  });

  it('finds no cycle in src, and npm run lint runs it there', () => {
    expect(check('src')).toEqual({ status: 0, output: 'No import cycles in src.\n' });
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.lint).toContain('node scripts/check-cycles.mjs src');
  });
});
