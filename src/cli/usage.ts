/**
 * What the command-line tool tells a user who called it wrong: the usage text, the error that
 * prints it (exit 2), and the strict option parser every command uses.
 */
import { homedir } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDatabasePath } from '../shared/appPaths';
import { DEFAULT_BASE_URL } from '../backend/copernica/client';

export const USAGE = `Usage:
  npm run cli -- sync --token-file FILE --emailing ID [--emailing ID …] [--base-url URL] [--db FILE] [--time-zone ZONE] [--retries N]
  npm run cli -- export --emailing ID --format csv|xlsx [--view clicks|links|profiles|report] --out FILE
                 [--delimiter ';'] [--no-bom] [--no-formula-guard] [--db FILE]

  --token-file a file holding the Copernica access token, readable by you alone (chmod 600)
  --token      the access token itself; prefer --token-file or COPERNICA_TOKEN, since a
               --token shows in the process list and in your shell history
  --base-url   API base, default ${DEFAULT_BASE_URL} (…/v3 works too); https, or
               http to this computer only (127.0.0.1, ::1, localhost)
  --db         cache file, default the app's own: ${defaultDb()}
  --time-zone  time zone of the account's timestamps, default Europe/Amsterdam
  --retries    how often to retry a temporary error (429, 5xx, network) with backoff, default 5
  --view       clicks (the API's twelve fields), links, profiles, or report (a client workbook)
  --delimiter  CSV delimiter: ',', ';' or tab; default your locale's: ';' where the decimal separator is a comma
  --no-bom     leave out the UTF-8 byte order mark that tells Excel the CSV is UTF-8
  --no-formula-guard  keep text that a spreadsheet could run as a formula as is (by default a ' goes before it)`;

export class UsageError extends Error {}

export function defaultDb(): string {
  return defaultDatabasePath({ platform: process.platform, homeDir: homedir(), env: process.env });
}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
