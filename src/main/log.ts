/**
 * Main's log: what the user is told stays short, the details (stack traces included) go here,
 * to the terminal and to a file in the user-data folder a user can send along with a bug report.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Logger {
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return error === undefined ? '' : String(error);
}

export function createFileLogger(file: string): Logger {
  // Appends are chained so lines keep their order without blocking the main thread.
  let pending: Promise<void> = mkdir(dirname(file), { recursive: true }).then(() => undefined);
  const write = (level: 'warn' | 'error', message: string, error: unknown) => {
    const details = describe(error);
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${details ? `\n${details}` : ''}\n`;
    if (level === 'error') console.error(line.trimEnd());
    else console.warn(line.trimEnd());
    pending = pending
      .then(() => appendFile(file, line))
      .catch((writeError: unknown) => console.error(`Could not write the log file ${file}`, writeError));
  };
  return {
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
  };
}
