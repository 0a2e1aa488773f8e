/**
 * Security 4: the installers' configuration. It is loaded as electron-builder loads it, checked
 * against electron-builder's own schema, and its fuses, unpacked files and targets asserted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { matchesGlob, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import { electronNativeBindingPath } from '../../src/main/nativeBinding';

// By file URL, as electron-builder imports a .mjs configuration.
const { default: config } = (await import(pathToFileURL(resolve('electron-builder.config.mjs')).href)) as {
  default: Configuration;
};
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

const unpacked = (path: string): boolean =>
  ((config.asarUnpack ?? []) as string[]).some((pattern) => matchesGlob(path, pattern));

describe('electron-builder.config.mjs', () => {
  it('is a valid electron-builder configuration', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses: no Node through the binary, only the shipped and checked app.asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs the app in an asar and unpacks the worker, the SQLite module and what the worker imports', () => {
    expect(config.asar).toBe(true);
    const binding = electronNativeBindingPath('', { electron: '45.5.0', platform: 'win32', arch: 'arm64' });
    for (const path of [
      'out/main/backendWorker.js',
      'out/main/checkpointWorker.js',
      'out/main/chunks/contract-DR_OZ5_d.js',
      binding.replace(/\\/g, '/').replace(/^\//, ''),
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/better-sqlite3/package.json',
      'node_modules/yazl/index.js',
      'node_modules/buffer-crc32/package.json',
      'node_modules/zod/package.json',
    ]) {
      expect(unpacked(path), path).toBe(true);
    }
    // Every run-time dependency the worker can import is unpacked with it, and what those import.
    for (const name of Object.keys(packageJson.dependencies))
      expect(unpacked(`node_modules/${name}/package.json`), name).toBe(true);
    for (const path of ['node_modules/fontkit/package.json', 'node_modules/linebreak/package.json'])
      expect(unpacked(path), path).toBe(true);
    // Main and the renderer stay inside the archive, under its integrity check.
    expect(unpacked('out/main/index.js')).toBe(false);
    expect(unpacked('out/renderer/index.html')).toBe(false);
    expect(unpacked('out/preload/index.cjs')).toBe(false);
  });

  it('unpacks pdfkit with every package it loads and the report fonts, which the worker reads as files', () => {
    const seen = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      const manifest = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
    };
    visit('pdfkit');
    expect(seen.size).toBeGreaterThan(5);
    for (const name of seen) expect(unpacked(`node_modules/${name}/package.json`), name).toBe(true);
    expect(unpacked('node_modules/pdfkit/js/data/Helvetica.afm')).toBe(true);
    expect(unpacked('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).toBe(true);
    expect(unpacked('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')).toBe(true);
  });

  it('ships the built app and native/, not the sources, and never rebuilds node_modules for Electron', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'native/**', 'package.json']));
    expect(config.npmRebuild).toBe(false);
  });

  it('builds AppImage and deb for Linux, a dmg for macOS and an NSIS setup for Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.productName).toBe('Copernica Clicks');
  });

  it('is what npm run dist uses, after building the app and better-sqlite3 for Electron', () => {
    const dist = packageJson.scripts.dist ?? '';
    expect(dist).toMatch(
      /^electron-vite build && node scripts\/build-electron-native\.mjs && electron-builder /,
    );
    expect(dist).toContain('--config electron-builder.config.mjs');
  });
});
