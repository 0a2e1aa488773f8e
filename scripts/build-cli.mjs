#!/usr/bin/env node
/**
 * Compiles the command-line tool into one file, out/cli/copernica-clicks.mjs: the package's
 * `bin`, built by `npm install` itself (the `prepare` script), so `npx copernica-clicks` runs it
 * with no build step and no wrapper process between the user's signals and the sync. The
 * dependencies (better-sqlite3 with its native file, zod, the export writers) stay in
 * node_modules and load from there at run time.
 */
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cliBin = join(root, 'out', 'cli', 'copernica-clicks.mjs');

await build({
  entryPoints: [join(root, 'src', 'cli', 'index.ts')],
  outfile: cliBin,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(cliBin, 0o755);
