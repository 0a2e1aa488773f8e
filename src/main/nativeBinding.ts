/**
 * Where main finds better-sqlite3 compiled for Electron's ABI. node_modules/better-sqlite3 keeps
 * the Node build that tests and the CLI load; scripts/build-electron-native.mjs writes the
 * Electron build next to it, in a folder named after the exact Electron version, platform and
 * architecture, so an Electron upgrade shows up as "missing" instead of a NODE_MODULE_VERSION
 * crash inside the worker. Keep the folder name in step with that script (a test checks it).
 */
import { join } from 'node:path';

export interface RuntimeTarget {
  electron: string;
  platform: string;
  arch: string;
}

export function electronNativeBindingPath(appRoot: string, target: RuntimeTarget): string {
  return join(
    appRoot,
    'native',
    `electron-${target.electron}-${target.platform}-${target.arch}`,
    'better_sqlite3.node',
  );
}
