/**
 * The command-line tool, `copernica-clicks` (compiled to out/cli by `npm install`, see
 * scripts/build-cli.mjs): `sync` fills the app's cache (a cron job can keep what the app shows
 * fresh), `export` writes cached clicks to a file. It runs the same backend code as the app, in
 * this process, so the process a user signals is the one that syncs. Any failure prints one line
 * on stderr and exits non-zero; the cache is left as it was.
 */
import { isAppError } from '../shared/errors';
import { demoCommand } from './demoCommand';
import { exportCommand } from './exportCommand';
import { fakeApiCommand } from './fakeApiCommand';
import { figuresCommand } from './figuresCommand';
import { reportCommand } from './reportCommand';
import { StoppedError } from './stopSignals';
import { syncCommand } from './syncCommand';
import { TOOL, TOOL_HELP, UsageError, usageErrorLine } from './usage';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  sync: syncCommand,
  export: exportCommand,
  'fake-api': fakeApiCommand,
  demo: demoCommand,
  figures: figuresCommand,
  report: reportCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : commands[command];
  try {
    if (run) return await run(rest);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      (command === undefined ? process.stderr : process.stdout).write(`${TOOL_HELP}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${usageErrorLine(error, run ? command : undefined)}\n`);
      return 2;
    }
    if (error instanceof StoppedError) {
      process.stderr.write(`${TOOL}: ${error.message}\n`);
      return error.exitCode;
    }
    if (isAppError(error)) {
      process.stderr.write(`${TOOL}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`${TOOL}: unexpected error: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
