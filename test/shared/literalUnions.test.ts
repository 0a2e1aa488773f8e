/**
 * The contract's small sets of names (API versions, sort directions, export formats, timeline
 * buckets, filter kinds, token states, grids) are written once, as zod enums in src/shared/schemas, and
 * the rest of the tree imports their types. A copy written out by hand elsewhere drifts the day
 * one of them gains a member, so this test looks for one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../src');
const home = join(root, 'shared/schemas');

const sets: Record<string, string[]> = {
  ApiVersion: ['v2', 'v3'],
  SortDirection: ['asc', 'desc'],
  ExportFormat: ['csv', 'xlsx'],
  TimelineBucket: ['hour', 'day'],
  FilterKind: ['text', 'number', 'date'],
  StoredTokenStatus: ['ok', 'rejected'],
  GridId: ['clicks', 'links', 'profiles', 'profileClicks'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === home ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `'a' | 'b'` or `['a', 'b'] as const` in any order: a hand-written copy of the set. */
function copiesOf(members: string[]): RegExp[] {
  const literal = `'(?:${members.join('|')})'`;
  const n = members.length - 1;
  return [
    new RegExp(`${literal}(?:\\s*\\|\\s*${literal}){${n}}(?!\\s*\\|)`),
    new RegExp(`\\[\\s*${literal}(?:\\s*,\\s*${literal}){${n}}\\s*\\]\\s*as const`),
  ];
}

describe('literal unions of the contract', () => {
  const files = sourceFiles(root).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  for (const [name, members] of Object.entries(sets)) {
    it(`${name} is written only in src/shared/schemas`, () => {
      const copies = files
        .filter(({ text }) => copiesOf(members).some((pattern) => pattern.test(text)))
        .map(({ path }) => relative(root, path));
      expect(copies).toEqual([]);
    });
  }
});
