/** Bundles browserBridge.ts (and the shared contract it pulls in) into one classic script. */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./browserBridge.ts', import.meta.url));

let bundled: Promise<string> | undefined;

/** Built once per process: every harness of a test run serves the same script. */
export function bridgeScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => {
    const [output] = result.outputFiles;
    if (!output) throw new Error('esbuild produced no bridge script.');
    return output.text;
  });
  return bundled;
}
