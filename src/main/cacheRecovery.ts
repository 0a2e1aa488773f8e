/**
 * Start-up with a damaged cache. The backend decides what "damaged" is (AppError
 * `cache_damaged`: not a database, malformed, cannot be opened); main only asks the user what
 * to do: move the damaged file aside (renamed with its -wal and -shm, never deleted) and start on
 * an empty cache, or quit and leave everything as it is.
 */
import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { existsSync, renameSync } from 'node:fs';
import { isAppError } from '../shared/errors';
import { damagedName, moveDamagedCacheAside } from '../backend/db/cacheDamage';

/** The user chose Quit in the damaged-cache dialog: nothing more to show, the app exits. */
export class StartupAbandoned extends Error {
  constructor() {
    super('The user chose to quit rather than move the damaged cache aside.');
    this.name = 'StartupAbandoned';
  }
}

export interface CacheRecoveryDeps {
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  log: { warn(message: string, error?: unknown): void };
  now?: () => Date;
  /**
   * Files that only make sense with the old cache and go aside with it under the same time
   * stamp: tokens.json, whose tokens are keyed by the old file's account IDs (a new account with
   * a reused ID must not inherit another account's token).
   */
  companions?: readonly string[];
}

export const moveAsideButton = 'Move it aside and start empty';
export const quitButton = 'Quit';

/**
 * Starts the backend; a damaged cache is offered to be moved aside, after which the backend
 * starts once more on a fresh file. Any other failure, or a second one, is the caller's to report.
 */
export async function startWithCacheRecovery<Host>(
  start: () => Promise<Host>,
  databasePath: string,
  deps: CacheRecoveryDeps,
): Promise<Host> {
  try {
    return await start();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'cache_damaged') throw error;
    const at = (deps.now ?? (() => new Date()))();
    const { response } = await deps.showMessageBox({
      type: 'error',
      title: 'The cache file is damaged',
      message: 'Copernica Clicks cannot read its cache of clicks.',
      detail:
        `${error.message}\n\n` +
        `“${moveAsideButton}” renames it to\n${damagedName(databasePath, at)}\n` +
        'and starts with an empty cache: add your accounts again and their clicks are fetched anew. ' +
        'The damaged file is kept, not deleted.\n\n“Quit” leaves everything as it is.',
      buttons: [moveAsideButton, quitButton],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0) throw new StartupAbandoned();
    const movedTo = moveDamagedCacheAside(databasePath, at);
    const suffix = movedTo.slice(databasePath.length);
    for (const companion of deps.companions ?? []) {
      if (existsSync(companion)) renameSync(companion, `${companion}${suffix}`);
    }
    deps.log.warn(`The damaged cache ${databasePath} was moved aside to ${movedTo}`, error);
    return start();
  }
}
