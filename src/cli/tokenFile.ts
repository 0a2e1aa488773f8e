/**
 * `--token-file FILE`: the access token read from a file, so it shows neither in `ps` nor in the
 * shell's history as `--token` does. The file must be private to its owner, like an SSH key: a
 * token that every user of the machine can read is no secret.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/** Why a token file is refused; the CLI prints it as a usage error (exit 2). */
export class TokenFileError extends Error {}

export function readTokenFile(path: string, platform: NodeJS.Platform = process.platform): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new TokenFileError(`Cannot read the token file ${path}: ${why}.`);
  }
  try {
    // Checked on the open file, so the file read is the file checked.
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new TokenFileError(`The token file ${path} is not a regular file.`);
    // Windows has ACLs, not these mode bits (Node reports 0666 for every writable file).
    if (platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      throw new TokenFileError(
        `The token file ${path} can be read by other users (mode ${mode}); make it private with: chmod 600 ${path}`,
      );
    }
    const token = readFileSync(fd, 'utf8').replace(/[\r\n]+$/, '');
    if (token === '') throw new TokenFileError(`The token file ${path} is empty.`);
    return token;
  } finally {
    closeSync(fd);
  }
}
