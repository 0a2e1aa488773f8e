/**
 * The cache holds personal data (IP addresses, referers with e-mail addresses, profile fields),
 * so everything the app and the CLI write is readable by the user alone: folders 0700, files
 * 0600. Modes are given when a file or folder is created (umask only ever takes bits away) and
 * an existing one that is looser is tightened, so a folder or file left by an older version is
 * mended too. On Windows the modes mean little and the user's profile folder protects the data.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

export const privateFolderMode = 0o700;
export const privateFileMode = 0o600;

/** Whether a mode grants anything to group or others. */
function looser(mode: number): boolean {
  return (mode & 0o077) !== 0;
}

function tighten(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  if (looser(statSync(path).mode)) chmodSync(path, mode);
}

/**
 * Creates the folder (and missing parents) 0700 and tightens it when it exists looser. Only for
 * folders that are the app's own (the user-data folder and its logs): never a folder the user
 * named by putting a file in it, such as the parent of a CLI `--db /tmp/x.db`.
 */
export function ensurePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: privateFolderMode });
  tighten(path, privateFolderMode);
}

/** Creates missing parent folders 0700 without touching the modes of folders that exist. */
export function createMissingFolders(path: string): void {
  mkdirSync(path, { recursive: true, mode: privateFolderMode });
}

/** Creates the file empty with mode 0600 if it is missing, and tightens it when it exists looser. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', privateFileMode));
  tighten(path, privateFileMode);
}

/** Tightens the file if it exists; a missing one is left missing. */
export function tightenIfPresent(path: string): void {
  if (existsSync(path)) tighten(path, privateFileMode);
}
