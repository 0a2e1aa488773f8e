/**
 * A damaged cache at start-up: the backend says `cache_damaged`, main offers to move the file
 * aside (renamed with its WAL, never deleted) and start empty, or to quit. The dialog is a mock
 * of Electron's dialog.showMessageBox; the backend is the real worker.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageBoxOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendHost } from '../../src/backend/host';
import { latestSchemaVersion } from '../../src/backend/db/migrations';
import {
  type CacheRecoveryDeps,
  moveAsideButton,
  quitButton,
  StartupAbandoned,
  startWithCacheRecovery,
} from '../../src/main/cacheRecovery';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const hosts: BackendHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

const at = new Date('2026-12-01T21:00:00.000Z');

function garbageCache(): { folder: string; databasePath: string; bytes: Buffer; wal: Buffer } {
  const folder = tempDir();
  const databasePath = join(folder, 'copernica-clicks.db');
  const bytes = Buffer.from(`${'This is not SQLite. '.repeat(300)}jan.jansen@example.nl`);
  const wal = Buffer.from('a WAL that belongs to the damaged file');
  writeFileSync(databasePath, bytes);
  writeFileSync(`${databasePath}-wal`, wal);
  return { folder, databasePath, bytes, wal };
}

function dialogAnswering(button: string) {
  return vi.fn(async (options: MessageBoxOptions) => ({
    response: (options.buttons ?? []).indexOf(button),
    checkboxChecked: false,
  }));
}

function start(databasePath: string): Promise<BackendHost> {
  return BackendHost.start({ databasePath, version: 'test' }).then((host) => {
    hosts.push(host);
    return host;
  });
}

function deps(
  showMessageBox: CacheRecoveryDeps['showMessageBox'],
  companions: string[] = [],
): CacheRecoveryDeps {
  return { showMessageBox, log: { warn: () => undefined }, now: () => at, companions };
}

describe('start-up with a damaged cache', () => {
  it('the backend refuses a garbage file with cache_damaged', async () => {
    const { databasePath } = garbageCache();
    await expect(start(databasePath)).rejects.toMatchObject({ code: 'cache_damaged' });
  });

  it('"move aside" renames the file and its WAL unchanged, and the backend starts on an empty cache', async () => {
    const { folder, databasePath, bytes, wal } = garbageCache();
    const tokens = join(folder, 'tokens.json');
    writeFileSync(tokens, '{"version":1,"tokens":{"1":"encrypted"}}');
    const showMessageBox = dialogAnswering(moveAsideButton);

    const host = await startWithCacheRecovery(
      () => start(databasePath),
      databasePath,
      deps(showMessageBox, [tokens]),
    );

    expect(showMessageBox).toHaveBeenCalledTimes(1);
    const offered = showMessageBox.mock.calls[0]?.[0];
    expect(offered?.buttons).toEqual([moveAsideButton, quitButton]);
    expect(offered?.detail).toContain('copernica-clicks.db.damaged-2026-12-01T21-00-00');
    const moved = join(folder, 'copernica-clicks.db.damaged-2026-12-01T21-00-00');
    expect(readFileSync(moved).equals(bytes)).toBe(true);
    expect(readFileSync(`${moved}-wal`).equals(wal)).toBe(true);
    expect(existsSync(`${tokens}.damaged-2026-12-01T21-00-00`)).toBe(true);
    expect(existsSync(tokens)).toBe(false);

    expect(await host.call('getAppInfo', {})).toMatchObject({
      ok: true,
      value: { schemaVersion: latestSchemaVersion },
    });
    expect(await host.call('listAccounts', {})).toEqual({ ok: true, value: [] });
    const fresh = new Database(databasePath, { readonly: true });
    expect(fresh.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    fresh.close();
  });

  it('a second damaged file within the same second does not overwrite the first one moved aside', async () => {
    const { folder, databasePath, bytes } = garbageCache();
    await startWithCacheRecovery(
      () => start(databasePath),
      databasePath,
      deps(dialogAnswering(moveAsideButton)),
    );
    await hosts.pop()?.close();
    writeFileSync(databasePath, 'more garbage, also not a database'.repeat(100));
    await startWithCacheRecovery(
      () => start(databasePath),
      databasePath,
      deps(dialogAnswering(moveAsideButton)),
    );
    const aside = readdirSync(folder).filter((name) => name.includes('.damaged-') && !name.endsWith('-wal'));
    expect(aside.sort()).toEqual([
      'copernica-clicks.db.damaged-2026-12-01T21-00-00',
      'copernica-clicks.db.damaged-2026-12-01T21-00-00-2',
    ]);
    expect(readFileSync(join(folder, 'copernica-clicks.db.damaged-2026-12-01T21-00-00')).equals(bytes)).toBe(
      true,
    );
  });

  it('"Quit" leaves the file as it was and ends start-up without another error box', async () => {
    const { folder, databasePath, bytes } = garbageCache();
    const attempt = startWithCacheRecovery(
      () => start(databasePath),
      databasePath,
      deps(dialogAnswering(quitButton)),
    );
    await expect(attempt).rejects.toBeInstanceOf(StartupAbandoned);
    expect(readFileSync(databasePath).equals(bytes)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['copernica-clicks.db', 'copernica-clicks.db-wal']);
  });

  it('a cache that is fine but newer than the app is not called damaged: no dialog, the error goes on', async () => {
    const databasePath = join(tempDir(), 'copernica-clicks.db');
    const newer = new Database(databasePath);
    newer.pragma(`user_version = ${latestSchemaVersion + 1}`);
    newer.close();
    const showMessageBox = dialogAnswering(moveAsideButton);
    await expect(
      startWithCacheRecovery(() => start(databasePath), databasePath, deps(showMessageBox)),
    ).rejects.toThrow(/newer than this app understands/);
    expect(showMessageBox).not.toHaveBeenCalled();
  });
});
