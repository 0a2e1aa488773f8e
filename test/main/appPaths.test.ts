import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, userDataDir, userDataEnvVar } from '../../src/shared/appPaths';

describe('the user-data folder', () => {
  it.each([
    ['linux', '/home/ann', {}, '/home/ann/.config/Copernica Clicks'],
    ['linux', '/home/ann', { XDG_CONFIG_HOME: '/home/ann/.xdg' }, '/home/ann/.xdg/Copernica Clicks'],
    ['freebsd', '/home/ann/', {}, '/home/ann/.config/Copernica Clicks'],
    ['darwin', '/Users/ann', {}, '/Users/ann/Library/Application Support/Copernica Clicks'],
    [
      'win32',
      'C:\\Users\\ann',
      { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
      'C:\\Users\\ann\\AppData\\Roaming\\Copernica Clicks',
    ],
    ['win32', 'C:\\Users\\ann', {}, 'C:\\Users\\ann\\AppData\\Roaming\\Copernica Clicks'],
  ])('on %s (home %s, env %j) is %s', (platform, homeDir, env, expected) => {
    expect(userDataDir({ platform, homeDir, env })).toBe(expected);
  });

  it(`is ${userDataEnvVar} when that is set, on every platform`, () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(userDataDir({ platform, homeDir: '/home/ann', env: { [userDataEnvVar]: '/tmp/e2e-1' } })).toBe(
        '/tmp/e2e-1',
      );
    }
  });
});

describe('the default database', () => {
  it('is copernica-clicks.db in the user-data folder', () => {
    expect(defaultDatabasePath({ platform: 'linux', homeDir: '/home/ann', env: {} })).toBe(
      '/home/ann/.config/Copernica Clicks/copernica-clicks.db',
    );
    expect(defaultDatabasePath({ platform: 'darwin', homeDir: '/Users/ann', env: {} })).toBe(
      '/Users/ann/Library/Application Support/Copernica Clicks/copernica-clicks.db',
    );
    expect(
      defaultDatabasePath({
        platform: 'win32',
        homeDir: 'C:\\Users\\ann',
        env: { APPDATA: 'D:\\Roaming\\' },
      }),
    ).toBe('D:\\Roaming\\Copernica Clicks\\copernica-clicks.db');
    expect(
      defaultDatabasePath({ platform: 'linux', homeDir: '/x', env: { [userDataEnvVar]: '/tmp/e2e/' } }),
    ).toBe('/tmp/e2e/copernica-clicks.db');
  });
});
