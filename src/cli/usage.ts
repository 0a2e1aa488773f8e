/**
 * What the command-line tool tells a user: the tool's help, the error for a wrong call (one line
 * and a pointer to the command's --help, exit 2), and the strict option parser every command uses.
 * Each command's own help text sits beside its options, in its file.
 */
import { homedir } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDatabasePath } from '../shared/appPaths';

export const TOOL = 'copernica-clicks';

export const TOOL_HELP = `Usage: ${TOOL} COMMAND [OPTIONS]   (or: npx ${TOOL} …, npm run -s cli -- …)

Commands:
  sync       bring emailings' clicks from Copernica into the cache (the app's, or --db FILE)
  export     write a cached emailing's clicks, links, profiles or client report to a file
  figures    print a cached emailing's key figures, rates and reconciliation (--json for scripts)
  report     write the client report of an emailing, or a comparison of several, as PDF, xlsx or CSV
  fake-api   run a fake Copernica API on this computer, to try the tool without an account
  demo       sync the fake API's sample emailings into ./demo and export each view there

Run "${TOOL} COMMAND --help" for a command's options. Exit codes: 0 done, 1 failed,
2 bad arguments, 130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM.`;

/** A call the tool cannot run as given: exit 2. */
export class UsageError extends Error {}

/** The one line a usage error prints, pointing at the help of the command it was given to. */
export function usageErrorLine(error: UsageError, command?: string): string {
  return `${TOOL}: ${error.message} See ${TOOL} ${command ? `${command} ` : ''}--help.`;
}

/** Whether the arguments ask for help (before a `--`, where an option could not be a value). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

export function defaultDb(): string {
  return defaultDatabasePath({ platform: process.platform, homeDir: homedir(), env: process.env });
}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node:util's messages end in a hint of their own on a second sentence; the first says it.
    const first = (error as Error).message.split('. ')[0] as string;
    throw new UsageError(first.replace(/\.$/, '') + '.');
  }
}
