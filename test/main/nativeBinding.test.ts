import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronNativeBindingPath } from '../../src/main/nativeBinding';

describe('the Electron build of better-sqlite3', () => {
  const target = { electron: '45.5.0', platform: 'linux', arch: 'x64' };

  it('lives in a folder per Electron version, platform and architecture, outside node_modules', () => {
    expect(electronNativeBindingPath('/app', target)).toBe(
      join('/app', 'native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'),
    );
  });

  it('is where scripts/build-electron-native.mjs writes it', async () => {
    const scriptUrl = pathToFileURL(
      resolve(import.meta.dirname, '../../scripts/build-electron-native.mjs'),
    ).href;
    const script = (await import(scriptUrl)) as {
      electronBindingFile(root: string, target: { electron: string; platform: string; arch: string }): string;
    };
    expect(script.electronBindingFile('/app', target)).toBe(electronNativeBindingPath('/app', target));
  });
});
