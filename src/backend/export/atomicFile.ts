/**
 * Writes a file so that it appears whole or not at all: the bytes go to a hidden temporary file
 * beside the target, which is renamed over it only after everything was written and flushed. A
 * failed or cancelled export leaves no partial file and never damages an existing one.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';

export interface ChunkWriter {
  /** Resolves once the stream can take more, so memory stays flat however large the file. */
  write(chunk: string | Uint8Array): Promise<void>;
}

export async function writeFileAtomically(
  target: string,
  produce: (writer: ChunkWriter) => Promise<void>,
): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.partial`);
  let stream: WriteStream | null = null;
  try {
    stream = await openStream(temporary);
    const open = stream;
    let failure: Error | null = null;
    open.on('error', (error) => (failure = error));
    await produce({
      write: (chunk) => {
        if (failure) return Promise.reject(failure);
        if (open.write(chunk)) return Promise.resolve();
        return new Promise((resolve, reject) => {
          const onDrain = (): void => {
            open.off('error', onError);
            resolve();
          };
          const onError = (error: Error): void => {
            open.off('drain', onDrain);
            reject(error);
          };
          open.once('drain', onDrain).once('error', onError);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      open.once('error', reject);
      open.end(() => resolve());
    });
    if (failure) throw failure;
    await rename(temporary, target);
  } catch (error) {
    stream?.destroy();
    await unlink(temporary).catch(() => undefined);
    throw toWriteError(error, target);
  }
}

function openStream(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(path, { flags: 'wx', highWaterMark: 1 << 20 });
    stream.once('open', () => {
      stream.off('error', reject);
      resolve(stream);
    });
    stream.once('error', reject);
  });
}

function toWriteError(error: unknown, target: string): Error {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the folder is read-only'
          : code === 'ENOENT'
            ? 'the folder does not exist'
            : ((error as Error).message ?? String(error));
  return new AppError('io_error', `Cannot write ${target}: ${reason}.`, { cause: error });
}
