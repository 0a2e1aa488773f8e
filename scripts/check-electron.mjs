#!/usr/bin/env node
/**
 * Runs before `npm start`: without Electron's binary (npm may skip its download, and sandboxed
 * machines cannot make it), electron-vite would try to download it and end in a stack trace.
 * This says in one line what to run instead. Where the binary is, it is silent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Why Electron cannot start from `electronDir`, or null when its binary is there. */
export function missingElectronBinary(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron')
    : executable && join(electronDir, 'dist', executable);
  if (binary && existsSync(binary)) return null;
  return (
    "Electron's binary is not installed (npm start needs it; the CLI and the tests do not): " +
    'run "npx install-electron" on a machine with internet access, then "npm start" again.'
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const electronDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  const problem = missingElectronBinary(electronDir);
  if (problem) {
    console.error(problem);
    process.exitCode = 1;
  }
}
