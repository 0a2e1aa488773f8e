/**
 * The command-line tool: `npm run cli -- sync …` fills the app's cache (a cron job can keep what
 * the app shows fresh), `npm run cli -- export …` writes cached clicks to a file. It runs the
 * same backend code as the app, in this process. Any failure prints one line on stderr and exits
 * non-zero; the cache is left as it was.
 */
import { isAppError } from '../shared/errors';
import { exportCommand } from './exportCommand';
import { syncCommand } from './syncCommand';
import { USAGE, UsageError } from './usage';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'sync') return await syncCommand(rest);
    if (command === 'export') return await exportCommand(rest);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`copernica-clicks: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (isAppError(error)) {
      process.stderr.write(`copernica-clicks: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `copernica-clicks: unexpected error: ${(error as Error).message ?? String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
