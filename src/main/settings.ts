/**
 * The user's settings and the grids' column state, kept by main with electron-store (a JSON
 * file in the user-data folder). electron-store is ESM and imports electron itself, so it is
 * loaded on demand behind a two-method interface: tests pass a plain object, or conf (the
 * library electron-store wraps) to exercise the real file handling. A damaged file never stops
 * the app: clearInvalidConfig starts it afresh, a store that cannot open at all falls back to
 * memory, and every value read is checked against the contract and replaced by the default
 * when it does not fit.
 */
import { AppError } from '../shared/errors';
import { type Settings, SettingsSchema } from '../shared/schemas/emailings';
import { type GridId, type GridState, GridStateSchema } from '../shared/schemas/views';

/** The part of electron-store (and conf) used here. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export type KeyValueStoreConstructor = new (options: {
  name?: string;
  cwd?: string;
  clearInvalidConfig?: boolean;
  configFileMode?: number;
}) => KeyValueStore;

export interface SettingsStore {
  getSettings(): Settings;
  updateSettings(settings: Settings): Settings;
  getGridState(gridId: GridId): GridState | null;
  saveGridState(gridId: GridId, state: GridState): void;
}

export const DEFAULT_SETTINGS: Settings = { refreshAfterMinutes: 60 };

interface SettingsLog {
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const values = new Map(Object.entries(initial));
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}

/** Opens the store, or a memory one (settings then last until the app quits) when it cannot. */
export async function openKeyValueStore(
  load: () => Promise<KeyValueStoreConstructor>,
  options: { name?: string; cwd?: string },
  log: SettingsLog,
): Promise<KeyValueStore> {
  try {
    const Store = await load();
    // Private like every file of the app (privateFiles.ts); conf's default is 0666 less the umask.
    return new Store({ name: 'settings', ...options, clearInvalidConfig: true, configFileMode: 0o600 });
  } catch (error) {
    log.error('The settings file cannot be opened; settings are kept in memory until the app quits', error);
    return memoryStore();
  }
}

/** electron-store, loaded only in the Electron app. */
export async function loadElectronStore(): Promise<KeyValueStoreConstructor> {
  const module = await import('electron-store');
  return module.default as unknown as KeyValueStoreConstructor;
}

export function createSettingsStore(store: KeyValueStore, log: SettingsLog): SettingsStore {
  const read = (key: string): unknown => {
    try {
      return store.get(key);
    } catch (error) {
      log.warn(`Cannot read the setting ${key}`, error);
      return undefined;
    }
  };
  const write = (key: string, value: unknown): void => {
    try {
      store.set(key, value);
    } catch (error) {
      log.error(`Cannot save the setting ${key}`, error);
      throw new AppError('io_error', 'The settings could not be saved in the user-data folder.', {
        cause: error,
      });
    }
  };
  return {
    getSettings() {
      const raw = read('settings');
      const merged =
        typeof raw === 'object' && raw !== null ? { ...DEFAULT_SETTINGS, ...raw } : DEFAULT_SETTINGS;
      const parsed = SettingsSchema.safeParse(merged);
      if (parsed.success) return parsed.data;
      log.warn('The saved settings do not fit; using the defaults.');
      return DEFAULT_SETTINGS;
    },
    updateSettings(settings) {
      const parsed = SettingsSchema.parse(settings);
      write('settings', parsed);
      return parsed;
    },
    getGridState(gridId) {
      const raw = read(`gridState.${gridId}`);
      if (raw === undefined) return null;
      const parsed = GridStateSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    saveGridState(gridId, state) {
      write(`gridState.${gridId}`, GridStateSchema.parse(state));
    },
  };
}
