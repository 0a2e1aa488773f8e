/**
 * Personal data at rest: the cache's folder is the user's alone (0700) and every file the app
 * and the CLI write is 0600 — with the common umask 0o022, which would otherwise leave them
 * 0755 and 0644, readable by every account on the machine.
 */
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/backend/db/open';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { ensurePrivateFolder } from '../../src/backend/privateFiles';
import { databaseFileName, userDataEnvVar } from '../../src/shared/appPaths';
import { createFileLogger } from '../../src/main/log';
import { type KeyValueStoreConstructor, openKeyValueStore } from '../../src/main/settings';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

let previousUmask = 0;
beforeAll(() => {
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});

function writeSomething(path: string): void {
  const db = openDatabase(path);
  db.exec(`INSERT INTO texts (value) VALUES ('Mozilla/5.0 jan.jansen@example.nl')`);
  // Kept open: the -wal and -shm files exist only while a connection has the file open.
  expect(existsSync(`${path}-wal`)).toBe(true);
  expect(existsSync(`${path}-shm`)).toBe(true);
  expect([modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual(['600', '600', '600']);
  db.close();
}

describe.skipIf(process.platform === 'win32')('file modes with umask 0o022', () => {
  it('a new cache is 0600 with its -wal and -shm, in a new folder made 0700', () => {
    const folder = join(tempDir(), 'Copernica Clicks');
    writeSomething(join(folder, databaseFileName));
    expect(modeOf(folder)).toBe('700');
  });

  it('a cache file and WAL an older version left 0644 are tightened when opened', () => {
    const path = join(tempDir(), databaseFileName);
    openDatabase(path).close();
    writeFileSync(`${path}-wal`, '');
    chmodSync(path, 0o644);
    chmodSync(`${path}-wal`, 0o644);
    writeSomething(path);
  });

  it('the folder of a --db file the user named keeps its mode (a shared /tmp stays as it is)', () => {
    const folder = tempDir();
    chmodSync(folder, 0o755);
    writeSomething(join(folder, 'clicks.db'));
    expect(modeOf(folder)).toBe('755');
  });

  it("the app's own folder is tightened from 0755 to 0700", () => {
    const folder = join(tempDir(), 'Copernica Clicks');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    ensurePrivateFolder(folder);
    expect(modeOf(folder)).toBe('700');
  });

  it('the log folder is 0700 and the log file 0600, also when an older one was 0644', async () => {
    const userData = tempDir();
    const file = join(userData, 'logs', 'main.log');
    const fresh = createFileLogger(file);
    fresh.warn('first line');
    await fresh.flush();
    expect([modeOf(join(userData, 'logs')), modeOf(file)]).toEqual(['700', '600']);

    chmodSync(file, 0o644);
    chmodSync(join(userData, 'logs'), 0o755);
    const again = createFileLogger(file);
    again.warn('second line');
    await again.flush();
    expect([modeOf(join(userData, 'logs')), modeOf(file)]).toEqual(['700', '600']);
  });

  it('the settings file is 0600', async () => {
    const cwd = tempDir();
    class ConfAsElectronStore extends Conf {
      constructor(options: { name?: string; cwd?: string; configFileMode?: number }) {
        super({ ...options, configName: options.name ?? 'config' });
      }
    }
    const log = { warn: () => undefined, error: () => undefined };
    const store = await openKeyValueStore(
      async () => ConfAsElectronStore as unknown as KeyValueStoreConstructor,
      { cwd },
      log,
    );
    store.set('refreshAfterMinutes', 30);
    expect(modeOf(join(cwd, 'settings.json'))).toBe('600');
  });

  describe('the CLI', () => {
    const fake = useFakeCopernica({ tokens: ['cli-token'], emailings: [{ id: 700, clicks: 50 }] });

    it("makes the app's folder 0700 and its cache files 0600 when it fills the default cache", async () => {
      const userData = join(tempDir(), 'Copernica Clicks');
      mkdirSync(userData, { mode: 0o755 });
      chmodSync(userData, 0o755);
      const run = await runCli(['sync', '--base-url', fake().url, '--emailing', '700'], {
        COPERNICA_TOKEN: 'cli-token',
        [userDataEnvVar]: userData,
      });
      expect(run.code, run.stderr).toBe(0);
      const db = join(userData, databaseFileName);
      expect(modeOf(userData)).toBe('700');
      expect(modeOf(db)).toBe('600');
      for (const suffix of ['-wal', '-shm'])
        if (existsSync(db + suffix)) expect(modeOf(db + suffix)).toBe('600');
    });
  });
});
