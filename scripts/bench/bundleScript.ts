/**
 * A benchmark script bundled as the app bundles its backend worker, into
 * node_modules/.cache/copernica-bench (under node_modules, where the bundle can resolve the
 * native better-sqlite3 it leaves out). Returns the bundle's path.
 */
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

export async function bundleScript(
  entry: string,
  outName: string,
  options: Pick<BuildOptions, 'format' | 'external' | 'packages'>,
): Promise<string> {
  const outfile = join(process.cwd(), 'node_modules', '.cache', 'copernica-bench', outName);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    ...options,
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
