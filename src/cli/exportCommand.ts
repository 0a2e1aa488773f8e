/** `export`: one view of cached emailings, or their client report, written to files or stdout. */
import { type CsvDelimiter, csvFormatFor } from '../backend/export/csvFormat';
import { type CommandView, commandViews, exportFromCache } from '../backend/export/exportCommand';
import { isAppError } from '../shared/errors';
import type { ExportProgress } from '../shared/schemas/export';
import type { Product } from '../shared/schemas/product';
import { emailingIds, userPath } from './arguments';
import {
  type FileDestination,
  examineDestination,
  fileInFolder,
  writeToDestination,
} from './exportDestination';
import { StoppedError, listenForStop } from './stopSignals';
import { count } from './syncMessages';
import { TOOL, UsageError, defaultDb, parse, wantsHelp } from './usage';

export const EXPORT_HELP = `Usage: ${TOOL} export --emailing ID [--ms-emailing ID …] --out FILE|FOLDER|- [OPTIONS]

Writes what the cache holds of an emailing: its clicks (the API's twelve fields, timestamps as
Copernica sent them), links or profiles as CSV or Excel, or its client report workbook.

  --emailing ID  the emailing's ID at Copernica; with several, --out is a folder
  --ms-emailing ID  a Marketing Suite emailing's ID (the two products number apart)
  --out PATH     a file to create; a folder, which gets VIEW-ID.FORMAT (clicks-1281.csv);
                 or - for standard output (the summary line then goes to stderr)
  --force        replace an existing file (it keeps its mode); a symbolic link, a device or
                 anything else that is not a regular file is never replaced
  --account A    the account's label or ID in the cache, when the emailing's ID is in several
  --view V       clicks (default: the API's twelve fields, then bot and bot_reasons), links,
                 profiles, devices, or report (a client workbook, xlsx)
  --exclude-bots leave out the clicks the bot rules suspect (by default an export holds every click)
  --profile-fields F,F  add these fields of the clicking profiles as columns (clicks and profiles
                 views), named as the database names them (email,firstname); fetched by
                 sync --profiles; a removed profile shows "(removed)"
  --no-personal-data  leave out personal data: no profile fields, IP addresses, user agents or
                 referers (profile IDs stay, so the client can look them up in Copernica); the
                 report's Summary says which it is
  --format F     csv (default) or xlsx
  --delimiter D  CSV delimiter: ',', ';' or tab; default your locale's: ';' where the decimal
                 separator is a comma
  --no-bom       leave out the UTF-8 byte order mark that tells Excel the CSV is UTF-8
  --no-formula-guard  keep text a spreadsheet could run as a formula as is (by default a ' goes before it)
  --db FILE      cache file, default the app's own: ${defaultDb()}
  --help         this text`;

/** The user's locale from the environment, as a BCP 47 tag (`nl_NL.UTF-8` → `nl-NL`). */
function environmentLocale(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.LC_ALL || env.LC_NUMERIC || env.LANG;
  const tag = raw?.split(/[.@]/)[0]?.replace('_', '-');
  return !tag || tag === 'C' || tag === 'POSIX' ? undefined : tag;
}

/** Progress redrawn in place on a terminal; `drawn` says a line is open, to end before a message. */
function exportProgress(stream: NodeJS.WriteStream) {
  const number = new Intl.NumberFormat('en-US');
  const state = { drawn: false };
  const report = ({ rows, total }: ExportProgress): void => {
    if (!stream.isTTY) return;
    const of = total === null ? '' : ` of ${number.format(total)}`;
    stream.write(`\rExporting… ${number.format(rows)}${of} rows\x1b[K`);
    state.drawn = true;
  };
  const endLine = (): void => {
    if (state.drawn) stream.write('\n');
    state.drawn = false;
  };
  return { report, endLine };
}

export async function exportCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${EXPORT_HELP}\n`);
    return 0;
  }
  const values = parse(args, {
    emailing: { type: 'string', multiple: true },
    'ms-emailing': { type: 'string', multiple: true },
    format: { type: 'string' },
    view: { type: 'string', default: 'clicks' },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
    account: { type: 'string' },
    delimiter: { type: 'string' },
    'no-bom': { type: 'boolean', default: false },
    'no-formula-guard': { type: 'boolean', default: false },
    'exclude-bots': { type: 'boolean', default: false },
    'profile-fields': { type: 'string' },
    'no-personal-data': { type: 'boolean', default: false },
    db: { type: 'string' },
  });
  const msIds = [...new Set(emailingIds(values['ms-emailing'], false))];
  const ids: { product: Product; id: number }[] = [
    ...[...new Set(emailingIds(values.emailing, msIds.length === 0))].map((id) => ({
      product: 'publisher' as const,
      id,
    })),
    ...msIds.map((id) => ({ product: 'ms' as const, id })),
  ];
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
  if (!values.out) throw new UsageError('Name where to write with --out FILE, --out FOLDER or --out -.');
  const profileFields = ((values['profile-fields'] as string | undefined) ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (values['profile-fields'] !== undefined && profileFields.length === 0)
    throw new UsageError('--profile-fields takes field names separated by commas, such as email,firstname.');
  if (profileFields.length > 0 && view !== 'clicks' && view !== 'profiles')
    throw new UsageError('--profile-fields adds columns to the clicks and profiles views only.');
  const leaveOutPersonalData = values['no-personal-data'] as boolean;
  if (leaveOutPersonalData && profileFields.length > 0)
    throw new UsageError(
      'Profile fields are personal data: --profile-fields and --no-personal-data exclude each other.',
    );
  if (leaveOutPersonalData && view === 'devices')
    throw new UsageError('The devices view holds no personal data; leave out --no-personal-data.');
  const out = values.out === '-' ? '-' : userPath(values.out as string);
  const dbPath = userPath((values.db as string | undefined) ?? defaultDb());
  const force = values.force as boolean;

  // Every destination is examined before anything is written: a refusal writes no file at all.
  const named = await examineDestination(out, force);
  if (ids.length > 1 && named.kind !== 'folder')
    throw new UsageError(`${ids.length} emailings are exported into a folder: give --out FOLDER.`);
  const destinations: FileDestination[] = [];
  for (const { product, id } of ids) {
    const name = `${view}-${product === 'ms' ? 'ms-' : ''}${id}.${format}`;
    destinations.push(named.kind === 'folder' ? await fileInFolder(named.path, name, force) : named);
  }

  const stop = listenForStop();
  const progress = exportProgress(process.stderr);
  // With the export on stdout, stdout carries nothing else.
  const summary = out === '-' ? process.stderr : process.stdout;
  try {
    for (const [index, { product, id }] of ids.entries()) {
      let result: Awaited<ReturnType<typeof exportFromCache>> | undefined;
      const written = await writeToDestination(destinations[index] as FileDestination, async (path) => {
        result = await exportFromCache({
          dbPath,
          emailingId: id,
          product,
          view: view as CommandView,
          format,
          out: path,
          ...(values.account === undefined ? {} : { account: values.account as string }),
          excludeBots: values['exclude-bots'] as boolean,
          ...(profileFields.length > 0 ? { profileFields } : {}),
          ...(leaveOutPersonalData ? { leaveOutPersonalData } : {}),
          // The same defaults as the app: the locale's delimiter, a BOM and the formula guard, so
          // the file opens right in the user's Excel; scripts can switch the last two off.
          csv: csvFormatFor(environmentLocale(process.env), {
            ...(delimiter ? { delimiter: delimiter as CsvDelimiter } : {}),
            bom: !values['no-bom'],
            guardFormulas: !values['no-formula-guard'],
          }),
          signal: stop.signal,
          onProgress: progress.report,
        });
      });
      progress.endLine();
      const { rows, sheets, warning } = result as NonNullable<typeof result>;
      // A half-synced emailing is still exported (it is what the cache has), but never silently.
      if (warning)
        process.stderr.write(
          `Warning: ${warning.charAt(0).toLowerCase()}${warning.slice(1)} Run sync again to complete it.\n`,
        );
      const what = view === 'report' ? 'report row' : view.replace(/s$/, '');
      const onSheets = format === 'xlsx' ? ` on ${count(sheets, 'sheet')}` : '';
      const to = written === '-' ? 'standard output' : written;
      const emailing = product === 'ms' ? 'Marketing Suite emailing' : 'emailing';
      const bots =
        (values['exclude-bots'] ? ', suspected bots left out' : '') +
        (leaveOutPersonalData ? ', personal data left out' : '');
      summary.write(`Exported ${count(rows, what)} of ${emailing} ${id} to ${to}${onSheets}${bots}\n`);
    }
    return 0;
  } catch (error) {
    // A message never continues the progress line.
    progress.endLine();
    if (stop.received() && isAppError(error) && error.code === 'cancelled')
      throw new StoppedError('stopped; the export was cancelled and no file was written.', stop.exitCode());
    throw error;
  } finally {
    stop.dispose();
  }
}
