/**
 * Main's log: what the user is told stays short, the details (stack traces included) go here,
 * to the terminal and to a file in the user-data folder a user can send along with a bug report.
 */
import { appendFile, chmod, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { privateFileMode, privateFolderMode } from '../backend/privateFiles';

export interface Logger {
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return error === undefined ? '' : String(error);
}

/**
 * The logs folder and file are the user's alone (0700, 0600): a stack trace can carry an
 * address or a referer. A log left looser by an older version is tightened before the first line.
 */
async function preparePrivateLog(file: string): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true, mode: privateFolderMode });
  if (process.platform === 'win32') return;
  if (((await stat(folder)).mode & 0o077) !== 0) await chmod(folder, privateFolderMode);
  const existing = await stat(file).catch(() => null);
  if (existing && (existing.mode & 0o077) !== 0) await chmod(file, privateFileMode);
}

export interface FileLogger extends Logger {
  /** Resolves when every line logged so far is in the file. */
  flush(): Promise<void>;
}

/** How big the log may grow before it is set aside, and how many set-aside files are kept. */
export interface LogRotation {
  maxBytes: number;
  keep: number;
}

/** main.log up to 1 MB, then main.log.1 … main.log.3: a few weeks of trouble, never a full disk. */
export const defaultLogRotation: LogRotation = { maxBytes: 1024 * 1024, keep: 3 };

/**
 * Sets main.log aside as main.log.1 (main.log.1 as .2, …; the oldest goes) when the next line
 * would take it past the bound. Renamed files keep their 0600 mode; the next append makes a new
 * main.log 0600.
 */
async function rotateIfFull(file: string, nextLineBytes: number, rotation: LogRotation): Promise<void> {
  const size = (await stat(file).catch(() => null))?.size ?? 0;
  if (size === 0 || size + nextLineBytes <= rotation.maxBytes) return;
  for (let index = rotation.keep - 1; index >= 1; index--) {
    await rename(`${file}.${index}`, `${file}.${index + 1}`).catch(() => undefined);
  }
  await rename(file, `${file}.1`);
}

export function createFileLogger(file: string, rotation: LogRotation = defaultLogRotation): FileLogger {
  // Appends are chained so lines keep their order without blocking the main thread.
  let pending: Promise<void> = preparePrivateLog(file).catch((error: unknown) =>
    console.error(`Could not prepare the log file ${file}`, error),
  );
  const write = (level: 'warn' | 'error', message: string, error: unknown) => {
    const details = describe(error);
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${details ? `\n${details}` : ''}\n`;
    if (level === 'error') console.error(line.trimEnd());
    else console.warn(line.trimEnd());
    pending = pending
      .then(() => rotateIfFull(file, Buffer.byteLength(line), rotation))
      .then(() => appendFile(file, line, { mode: privateFileMode }))
      .catch((writeError: unknown) => console.error(`Could not write the log file ${file}`, writeError));
  };
  return {
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
    flush: () => pending,
  };
}
