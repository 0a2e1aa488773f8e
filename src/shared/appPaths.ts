/**
 * Where the app keeps its files. The Electron main process and the command-line tool both use
 * this, so that the CLI's default database is the very file the app opens. It is pure string
 * logic (no `node:path`, no `process`) because src/shared is also compiled for the renderer;
 * the caller passes the platform, home folder and environment.
 */

export const appDisplayName = 'Copernica Clicks';
export const databaseFileName = 'copernica-clicks.db';
/** Points the app and the CLI at another folder: per-test data folders, or a second profile. */
export const userDataEnvVar = 'COPERNICA_CLICKS_USER_DATA';

export interface PlatformContext {
  /** `process.platform` */
  platform: string;
  /** `os.homedir()` */
  homeDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

function joinFor(platform: string, ...parts: string[]): string {
  const separator = platform === 'win32' ? '\\' : '/';
  return parts
    .map((part, index) => (index === 0 ? part.replace(/[\\/]+$/, '') : part.replace(/^[\\/]+|[\\/]+$/g, '')))
    .join(separator);
}

/** The per-user folder the operating system expects applications to use, as Electron computes it. */
function systemAppDataDir({ platform, homeDir, env }: PlatformContext): string {
  if (platform === 'win32') return env.APPDATA || joinFor(platform, homeDir, 'AppData', 'Roaming');
  if (platform === 'darwin') return joinFor(platform, homeDir, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || joinFor(platform, homeDir, '.config');
}

/** `~/.config/Copernica Clicks`, `~/Library/Application Support/Copernica Clicks` or `%APPDATA%\Copernica Clicks`. */
export function userDataDir(context: PlatformContext): string {
  const override = context.env[userDataEnvVar];
  if (override) return override;
  return joinFor(context.platform, systemAppDataDir(context), appDisplayName);
}

export function defaultDatabasePath(context: PlatformContext): string {
  return joinFor(context.platform, userDataDir(context), databaseFileName);
}
