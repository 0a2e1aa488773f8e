/**
 * The command-line tool: `npm run cli -- sync …` fills the app's cache (a cron job can keep what
 * the app shows fresh), `npm run cli -- export …` writes cached clicks to a file. It runs the
 * same backend code as the app, in this process. Any failure prints one line on stderr and exits
 * non-zero; the cache is left as it was.
 */
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDatabasePath } from '../shared/appPaths';
import { isAppError } from '../shared/errors';
import { isLoopbackHostname } from '../backend/copernica/apiAddress';
import { CopernicaClient, DEFAULT_BASE_URL } from '../backend/copernica/client';
import { openDatabase } from '../backend/db/open';
import { ensurePrivateFolder } from '../backend/privateFiles';
import { type CsvDelimiter, csvFormatFor } from '../backend/export/csvFormat';
import { type CommandView, commandViews, exportFromCache } from '../backend/export/exportCommand';
import type { ExportProgress } from '../shared/schemas/export';
import { planSync, runSync } from '../backend/sync/runSync';
import { figuresCommand } from './figuresCommand';
import { createProgressReporter } from './progressBar';
import { reportCommand } from './reportCommand';
import { TokenFileError, readTokenFile } from './tokenFile';

const USAGE = `Usage:
  npm run cli -- sync --token-file FILE --emailing ID [--emailing ID …] [--base-url URL] [--db FILE] [--time-zone ZONE] [--retries N]
  npm run cli -- export --emailing ID --format csv|xlsx [--view clicks|links|profiles|report|devices] --out FILE
                 [--delimiter ';'] [--no-bom] [--no-formula-guard] [--exclude-bots] [--db FILE]
  npm run cli -- figures --emailing ID [--db FILE] [--json]
  npm run cli -- report --emailing ID [--emailing ID …] --format pdf|xlsx|csv --out FILE (report --help)

  --token-file a file holding the Copernica access token, readable by you alone (chmod 600)
  --token      the access token itself; prefer --token-file or COPERNICA_TOKEN, since a
               --token shows in the process list and in your shell history
  --base-url   API base, default ${DEFAULT_BASE_URL} (…/v3 works too); https, or
               http to this computer only (127.0.0.1, ::1, localhost)
  --db         cache file, default the app's own: ${defaultDb()}
  --time-zone  time zone of the account's timestamps, default Europe/Amsterdam
  --retries    how often to retry a temporary error (429, 5xx, network) with backoff, default 5
  --view       clicks (the API's twelve fields, then bot and bot_reasons), links, profiles, devices,
               or report (a client workbook)
  --exclude-bots  leave out the clicks the bot rules suspect (by default an export holds every click)
  --delimiter  CSV delimiter: ',', ';' or tab; default your locale's: ';' where the decimal separator is a comma
  --no-bom     leave out the UTF-8 byte order mark that tells Excel the CSV is UTF-8
  --no-formula-guard  keep text that a spreadsheet could run as a formula as is (by default a ' goes before it)`;

class UsageError extends Error {}

function defaultDb(): string {
  return defaultDatabasePath({ platform: process.platform, homeDir: homedir(), env: process.env });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'sync') return await sync(rest);
    if (command === 'export') return await exportCommand(rest);
    if (command === 'figures') return await figuresCommand(rest);
    if (command === 'report') return await reportCommand(rest);
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

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function emailingIds(values: unknown): number[] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  if (list.length === 0) throw new UsageError('Name at least one emailing with --emailing ID.');
  return list.map((value) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new UsageError(`"${String(value)}" is not an emailing ID.`);
    return id;
  });
}

function validBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`"${value}" is not a URL; use for example ${DEFAULT_BASE_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError('--base-url must be http(s).');
  // The token rides in the query string: plain http would hand it to everyone on the way.
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname))
    throw new UsageError(
      `--base-url ${value} would send the access token unencrypted; use https:// (http only to 127.0.0.1, ::1 or localhost).`,
    );
  return value.replace(/\/+$/, '');
}

function accessToken(option: string | undefined, file: string | undefined): string {
  if (option !== undefined && file !== undefined)
    throw new UsageError('Give the access token with --token or --token-file, not both.');
  if (file !== undefined) {
    try {
      return readTokenFile(file);
    } catch (error) {
      if (error instanceof TokenFileError) throw new UsageError(error.message);
      throw error;
    }
  }
  const token = option ?? process.env.COPERNICA_TOKEN;
  if (!token)
    throw new UsageError('Give the access token with --token-file FILE or the COPERNICA_TOKEN variable.');
  return token;
}

function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`"${zone}" is not a time zone; use an IANA name such as Europe/Amsterdam.`);
  }
}

async function sync(args: string[]): Promise<number> {
  const values = parse(args, {
    'base-url': { type: 'string', default: DEFAULT_BASE_URL },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    emailing: { type: 'string', multiple: true },
    db: { type: 'string' },
    'time-zone': { type: 'string' },
    retries: { type: 'string', default: '5' },
  });
  const retries = Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20)
    throw new UsageError('--retries takes a whole number from 0 to 20.');
  const token = accessToken(values.token as string | undefined, values['token-file'] as string | undefined);
  const ids = emailingIds(values.emailing);
  const apiBase = validBaseUrl(values['base-url'] as string);
  const timeZone =
    values['time-zone'] === undefined ? undefined : validTimeZone(values['time-zone'] as string);
  const dbPath = resolve((values.db as string | undefined) ?? defaultDb());

  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const started = performance.now();
  const client = new CopernicaClient({ baseUrl: apiBase, token, maxAttempts: retries + 1 });
  // Everything Copernica can refuse is asked before the cache is even opened.
  const plan = await planSync(client, apiBase, ids, controller.signal);
  // The app's own folder is made private (0700); a folder the user named with --db is theirs.
  if (values.db === undefined) ensurePrivateFolder(dirname(dbPath));
  const db = openDatabase(dbPath);
  try {
    const result = await runSync({
      db,
      source: client,
      plan,
      timeZone,
      signal: controller.signal,
      onProgress: createProgressReporter(process.stderr),
    });
    const seconds = (performance.now() - started) / 1000;
    const number = new Intl.NumberFormat('en-US');
    const inserted = result.emailings.reduce((sum, e) => sum + e.inserted, 0);
    const fetched = result.emailings.reduce((sum, e) => sum + e.fetched, 0);
    const pages = result.emailings.reduce((sum, e) => sum + e.pages, 0);
    const rejected = result.emailings.reduce((sum, e) => sum + e.rejected, 0);
    // Refused clicks are never dropped silently: the count says how many the server sent wrong.
    const refusedText =
      rejected === 0
        ? ''
        : `; ${number.format(rejected)} refused as invalid (a bad ID or no time), not stored`;
    const cached = result.emailings.map((e) => `${e.emailingId}: ${number.format(e.cachedRows)}`).join(', ');
    const changed = result.statistics.filter((s) => s === 'changed').length;
    const statistics = `Copernica's statistics fetched${changed === 0 ? '' : ` (${changed} changed)`}`;
    process.stdout.write(
      `Synced ${result.emailings.length} emailing${result.emailings.length === 1 ? '' : 's'} of "${result.accountLabel}": ` +
        `${number.format(inserted)} new clicks (${number.format(fetched)} read in ${number.format(pages)} ${pages === 1 ? 'request' : 'requests'}${refusedText}) ` +
        `in ${seconds.toFixed(1)} s; cached clicks ${cached}; ${statistics}; cache ${dbPath}\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    db.close();
  }
}

/** The user's locale from the environment, as a BCP 47 tag (`nl_NL.UTF-8` → `nl-NL`). */
function environmentLocale(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.LC_ALL || env.LC_NUMERIC || env.LANG;
  const tag = raw?.split(/[.@]/)[0]?.replace('_', '-');
  return !tag || tag === 'C' || tag === 'POSIX' ? undefined : tag;
}

function exportProgress(stream: NodeJS.WriteStream): (p: ExportProgress) => void {
  if (!stream.isTTY) return () => undefined;
  const number = new Intl.NumberFormat('en-US');
  return ({ rows, total }) => {
    const of = total === null ? '' : ` of ${number.format(total)}`;
    stream.write(`\rExporting… ${number.format(rows)}${of} rows\x1b[K`);
  };
}

async function exportCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    emailing: { type: 'string' },
    format: { type: 'string' },
    view: { type: 'string', default: 'clicks' },
    out: { type: 'string' },
    delimiter: { type: 'string' },
    'no-bom': { type: 'boolean', default: false },
    'no-formula-guard': { type: 'boolean', default: false },
    'exclude-bots': { type: 'boolean', default: false },
    db: { type: 'string' },
  });
  const [id] = emailingIds(values.emailing);
  const view = values.view as string;
  if (!(commandViews as readonly string[]).includes(view))
    throw new UsageError(`Unknown view "${view}"; use ${commandViews.join(', ')}.`);
  const format = (values.format as string | undefined) ?? (view === 'report' ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx')
    throw new UsageError(`Unknown format "${format}"; use csv or xlsx.`);
  if (view === 'report' && format !== 'xlsx')
    throw new UsageError('The report is a workbook; use --format xlsx.');
  // A tab is hard to type on a command line, so it may also be spelled `tab`.
  const delimiter = values.delimiter === 'tab' ? '\t' : (values.delimiter as string | undefined);
  if (delimiter !== undefined && delimiter !== ',' && delimiter !== ';' && delimiter !== '\t')
    throw new UsageError(`--delimiter takes ',', ';' or tab, not "${delimiter}".`);
  if (!values.out) throw new UsageError('Name the file to write with --out FILE.');
  const out = resolve(values.out as string);
  const dbPath = resolve((values.db as string | undefined) ?? defaultDb());

  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const { rows, sheets, warning } = await exportFromCache({
      dbPath,
      emailingId: id as number,
      view: view as CommandView,
      format,
      out,
      // The same defaults as the app: the locale's delimiter, a BOM and the formula guard, so the
      // file opens right in the user's Excel; scripts can switch the last two off.
      csv: csvFormatFor(environmentLocale(process.env), {
        ...(delimiter ? { delimiter: delimiter as CsvDelimiter } : {}),
        bom: !values['no-bom'],
        guardFormulas: !values['no-formula-guard'],
      }),
      excludeBots: values['exclude-bots'] as boolean,
      signal: controller.signal,
      onProgress: exportProgress(process.stderr),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    // A half-synced emailing is still exported (it is what the cache has), but never silently.
    if (warning)
      process.stderr.write(
        `Warning: ${warning.charAt(0).toLowerCase()}${warning.slice(1)} Run sync again to complete it.\n`,
      );
    const number = new Intl.NumberFormat('en-US');
    const what = view === 'report' ? 'report rows' : view;
    const onSheets = format === 'xlsx' ? ` on ${sheets} sheet${sheets === 1 ? '' : 's'}` : '';
    const bots = values['exclude-bots'] ? ', suspected bots left out' : '';
    process.stdout.write(
      `Exported ${number.format(rows)} ${what} of emailing ${id} to ${out}${onSheets}${bots}\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

process.exitCode = await main(process.argv.slice(2));
