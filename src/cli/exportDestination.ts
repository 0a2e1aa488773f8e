/**
 * Where `export --out` writes, handled with care. An existing file is replaced only with --force,
 * and then keeps its mode (a private 0600 export stays private); a symbolic link, a device, a pipe
 * or anything else that is not a regular file is never replaced; `-` is standard output; a folder
 * gets a file named after the view and the emailing. The export is written whole beside the
 * target first (writeFileAtomically) and put in place at the end: a new file by a hard link, which
 * fails rather than replace a file that appeared meanwhile.
 */
import { createReadStream } from 'node:fs';
import { chmod, link, lstat, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, isAppError } from '../shared/errors';

export type Destination =
  | { kind: 'stdout' }
  | { kind: 'file'; path: string; replaceMode: number | null }
  | { kind: 'folder'; path: string };

/** Where one file goes: a path, or standard output. */
export type FileDestination = Exclude<Destination, { kind: 'folder' }>;

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

async function statOrNull(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw new AppError('io_error', `Cannot write ${path}: ${(error as Error).message}.`, { cause: error });
  }
}

/** What a path names: a file to create or replace, or a folder to write named files into. */
export async function examineDestination(path: string, force: boolean): Promise<Destination> {
  if (path === '-') return { kind: 'stdout' };
  const stats = await statOrNull(path);
  if (stats === null) {
    if ((await statOrNull(dirname(path)))?.isDirectory() !== true)
      throw new AppError('io_error', `Cannot write ${path}: the folder does not exist.`);
    return { kind: 'file', path, replaceMode: null };
  }
  if (stats.isDirectory()) return { kind: 'folder', path };
  if (stats.isSymbolicLink())
    throw new AppError(
      'io_error',
      `${path} is a symbolic link; the export never replaces one. Name the file it points to, or another path.`,
    );
  if (!stats.isFile())
    throw new AppError(
      'io_error',
      `${path} is not a regular file (a device, pipe or socket); export to a file, or use --out - for standard output.`,
    );
  if (!force) throw new AppError('io_error', `${path} exists; add --force to replace it.`);
  return { kind: 'file', path, replaceMode: stats.mode & 0o7777 };
}

/** A file for `name` inside a folder destination, examined as a path of its own. */
export async function fileInFolder(folder: string, name: string, force: boolean): Promise<FileDestination> {
  const inside = await examineDestination(join(folder, name), force);
  if (inside.kind === 'folder')
    throw new AppError('io_error', `${inside.path} is a folder; name the file to write with --out FILE.`);
  return inside;
}

/**
 * Runs `write` to a temporary path and puts its file at the destination: the file, or standard
 * output (streamed from a private temporary folder, so memory stays flat and a failed export
 * writes nothing). Returns the path the user will find the export at, or '-' for stdout.
 */
export async function writeToDestination(
  destination: FileDestination,
  write: (temporaryPath: string) => Promise<void>,
): Promise<string> {
  if (destination.kind === 'stdout') {
    const folder = await mkdtemp(join(tmpdir(), 'copernica-clicks-export-'));
    try {
      const file = join(folder, 'export');
      await write(file);
      await pipeline(createReadStream(file), process.stdout, { end: false }).catch((error: unknown) => {
        // A reader that stopped early (`| head`) is not a failure of the export.
        if (errnoCode(error) !== 'EPIPE') throw error;
      });
      return '-';
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  const target = destination.path;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.export`);
  try {
    await write(temporary);
    if (destination.replaceMode === null) {
      await placeNewFile(temporary, target);
    } else {
      await chmod(temporary, destination.replaceMode);
      // Checked again just before: what is there now must still be a regular file.
      const now = await statOrNull(target);
      if (now !== null && !now.isFile())
        throw new AppError('io_error', `${target} is no longer a regular file; nothing was replaced.`);
      await rename(temporary, target);
    }
    return target;
  } catch (error) {
    // The writer names the path it wrote; the user knows the one they asked for.
    if (isAppError(error)) throw new AppError(error.code, error.message.replaceAll(temporary, target));
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function placeNewFile(temporary: string, target: string): Promise<void> {
  try {
    await link(temporary, target);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST')
      throw new AppError(
        'io_error',
        `${target} appeared while the export was written; add --force to replace it.`,
      );
    // A file system without hard links (FAT, some network shares): a plain rename.
    if (errnoCode(error) === 'EPERM' || errnoCode(error) === 'ENOTSUP') {
      await rename(temporary, target);
      return;
    }
    throw error;
  }
}
