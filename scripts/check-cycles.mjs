/**
 * Fails when the TypeScript files under a folder (default: src) import each other in a circle.
 * A cycle makes a module's exports undefined while the other half of the circle is still being
 * evaluated, and it ties two files that should not know each other; `npm run lint` runs this so
 * that none comes back. Only relative imports are followed (the tree has no path aliases), type-only
 * imports included: they tie the files together just the same.
 *
 *   node scripts/check-cycles.mjs [folder]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const sourceFile = /\.(ts|tsx|mts)$/;

/** `import … from './x'`, `export … from './x'`, `import './x'` and `import('./x')`. */
const importSpecifiers =
  /(?:^|[\s;{}])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return sourceFile.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names, as TypeScript's bundler resolution finds it; null outside the graph. */
function resolveImport(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ];
  return (
    candidates.find((path) => sourceFile.test(path) && existsSync(path) && statSync(path).isFile()) ?? null
  );
}

/** Block comments and whole-line comments go first, so an import in an example is not followed. */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function importsOf(file) {
  const found = new Set();
  for (const match of withoutComments(readFileSync(file, 'utf8')).matchAll(importSpecifiers)) {
    const specifier = match[1] ?? match[2];
    if (!specifier.startsWith('.')) continue;
    const target = resolveImport(file, specifier);
    if (target) found.add(target);
  }
  return [...found];
}

/**
 * Every cycle among the source files under `folder`, each as the list of files (relative to
 * `folder`) in import order, the first one repeated at the end. One cycle per strongly connected
 * group of files: fixing the one shown and running again shows the next.
 */
export function findCycles(folder) {
  const root = resolve(folder);
  const files = sourceFiles(root);
  const edges = new Map(files.map((file) => [file, importsOf(file)]));

  // Tarjan's strongly connected components, iteratively (no recursion limit on deep trees).
  let nextIndex = 0;
  const index = new Map();
  const lowLink = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  for (const start of files) {
    if (index.has(start)) continue;
    const work = [{ file: start, next: 0 }];
    index.set(start, nextIndex);
    lowLink.set(start, nextIndex++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.file) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, nextIndex);
          lowLink.set(target, nextIndex++);
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.file, Math.min(lowLink.get(frame.file), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].file;
        lowLink.set(parent, Math.min(lowLink.get(parent), lowLink.get(frame.file)));
      }
      if (lowLink.get(frame.file) !== index.get(frame.file)) continue;
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.file);
      const selfImport = group.length === 1 && (edges.get(member) ?? []).includes(member);
      if (group.length > 1 || selfImport) groups.push(group);
    }
  }
  return groups.map((group) => cycleThrough(group, edges).map((file) => relative(root, file)));
}

/** One concrete circle inside a strongly connected group: a shortest path from its first file back to it. */
function cycleThrough(group, edges) {
  const members = new Set(group);
  const [first] = [...group].sort();
  const cameFrom = new Map();
  const queue = [first];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const target of edges.get(file) ?? []) {
      if (!members.has(target)) continue;
      if (target === first) {
        const path = [file];
        while (path[0] !== first) path.unshift(cameFrom.get(path[0]));
        return [...path, first];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [first, first];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const folder = process.argv[2] ?? 'src';
  const cycles = findCycles(folder);
  if (cycles.length === 0) {
    console.log(`No import cycles in ${folder}.`);
  } else {
    console.error(`Import cycles in ${folder} (move what both sides need into a file of its own):`);
    for (const cycle of cycles) console.error(`  ${cycle.join(' -> ')}`);
    process.exitCode = 1;
  }
}
