/**
 * The desktop steps say what is wrong instead of passing it on: a better-sqlite3 build for the
 * wrong ABI fails `build:native:electron` loudly, and `npm start` without Electron's binary says
 * in one line what to run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const script = async <T>(name: string) =>
  (await import(pathToFileURL(resolve(import.meta.dirname, '../../scripts', name)).href)) as T;

interface NativeScript {
  moduleAbiOf(file: string): string | null;
  electronAbi(version: string): string;
  assertElectronAbi(file: string, expected: string, electronVersion: string): void;
}

describe('build:native:electron', () => {
  const nodeBuild = resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');

  it("reads the ABI a native module was built for: the Node build has this Node's", async () => {
    const { moduleAbiOf } = await script<NativeScript>('build-electron-native.mjs');
    expect(moduleAbiOf(nodeBuild)).toBe(process.versions.modules);
  });

  it("refuses a build compiled against Node's headers, naming both ABIs and the nodedir setting", async () => {
    const { assertElectronAbi, electronAbi } = await script<NativeScript>('build-electron-native.mjs');
    const abi = electronAbi('45.5.0');
    expect(abi).not.toBe(process.versions.modules);
    const previous = process.env.npm_config_nodedir;
    process.env.npm_config_nodedir = '/usr/include/node';
    try {
      expect(() => assertElectronAbi(nodeBuild, abi, '45.5.0')).toThrow(
        new RegExp(
          `built for ABI ${process.versions.modules}, but Electron 45\\.5\\.0 loads ABI ${abi} .*nodedir setting points at /usr/include/node`,
        ),
      );
    } finally {
      if (previous === undefined) delete process.env.npm_config_nodedir;
      else process.env.npm_config_nodedir = previous;
    }
    expect(() => assertElectronAbi(nodeBuild, process.versions.modules, 'x')).not.toThrow();
  });
});

describe('npm start', () => {
  it("says in one line to run npx install-electron when Electron's binary is missing, and nothing when it is there", async () => {
    const { missingElectronBinary } = await script<{
      missingElectronBinary(dir: string, env: Record<string, string>): string | null;
    }>('check-electron.mjs');
    const dir = tempDir();
    const problem = missingElectronBinary(dir, {});
    expect(problem).toMatch(/^Electron's binary is not installed .*run "npx install-electron"/);
    expect(problem).not.toContain('\n');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(missingElectronBinary(dir, {})).not.toBeNull();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(missingElectronBinary(dir, {})).toBeNull();
  });
});
