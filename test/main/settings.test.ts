import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type KeyValueStoreConstructor,
  createSettingsStore,
  memoryStore,
  openKeyValueStore,
} from '../../src/main/settings';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
// conf is the file store electron-store wraps; electron-store adds Electron's paths and calls
// conf's configName `name`.
class ConfAsElectronStore extends Conf {
  constructor(options: { name?: string; cwd?: string; clearInvalidConfig?: boolean }) {
    super({ ...options, configName: options.name ?? 'config' });
  }
}
const loadConf = async () => ConfAsElectronStore as unknown as KeyValueStoreConstructor;

function recordingLog() {
  const lines: string[] = [];
  return { lines, warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) };
}

describe('settings', () => {
  it('defaults to a 60-minute refresh and remembers changes and grid state across opens', async () => {
    const cwd = tempDir();
    const log = recordingLog();
    const first = createSettingsStore(await openKeyValueStore(loadConf, { cwd }, log), log);
    expect(first.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(first.updateSettings({ refreshAfterMinutes: 15 })).toEqual({ refreshAfterMinutes: 15 });
    first.saveGridState('clicks', {
      columns: [
        { colId: 'timestamp', width: 180 },
        { colId: 'ip', hide: true },
      ],
    });
    expect(first.getGridState('links')).toBeNull();

    const again = createSettingsStore(await openKeyValueStore(loadConf, { cwd }, log), log);
    expect(again.getSettings()).toEqual({ refreshAfterMinutes: 15 });
    expect(again.getGridState('clicks')).toEqual({
      columns: [
        { colId: 'timestamp', width: 180 },
        { colId: 'ip', hide: true },
      ],
    });
  });

  it('a corrupt settings file does not stop the app: it starts afresh with the defaults', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'settings.json'), '{"settings": {"refreshAfterMinutes": 5}, oops');
    const log = recordingLog();
    const settings = createSettingsStore(await openKeyValueStore(loadConf, { cwd }, log), log);
    expect(settings.getSettings()).toEqual(DEFAULT_SETTINGS);
    settings.updateSettings({ refreshAfterMinutes: 30 });
    expect(JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8'))).toEqual({
      settings: { refreshAfterMinutes: 30 },
    });
  });

  it('values that do not fit the contract read as the defaults', () => {
    const log = recordingLog();
    const settings = createSettingsStore(
      memoryStore({ settings: { refreshAfterMinutes: 'often' }, 'gridState.clicks': { columns: 'all' } }),
      log,
    );
    expect(settings.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(settings.getGridState('clicks')).toBeNull();
    expect(log.lines).toEqual(['The saved settings do not fit; using the defaults.']);
  });

  it('a store that cannot open falls back to memory', async () => {
    const log = recordingLog();
    const failing = async (): Promise<KeyValueStoreConstructor> => {
      throw new Error('EACCES: permission denied');
    };
    const settings = createSettingsStore(await openKeyValueStore(failing, {}, log), log);
    expect(settings.updateSettings({ refreshAfterMinutes: 10 })).toEqual({ refreshAfterMinutes: 10 });
    expect(settings.getSettings()).toEqual({ refreshAfterMinutes: 10 });
    expect(log.lines[0]).toMatch(/kept in memory/);
  });

  it('a failed save is an io_error for the user', () => {
    const log = recordingLog();
    const settings = createSettingsStore(
      {
        get: () => undefined,
        set: () => {
          throw new Error('ENOSPC');
        },
      },
      log,
    );
    expect(() => settings.updateSettings({ refreshAfterMinutes: 10 })).toThrow(
      expect.objectContaining({ code: 'io_error' }),
    );
  });
});
