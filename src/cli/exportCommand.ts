/** `export`: one view of a cached emailing, or its client report, written to a file. */
import { resolve } from 'node:path';
import { type CsvDelimiter, csvFormatFor } from '../backend/export/csvFormat';
import { type CommandView, commandViews, exportFromCache } from '../backend/export/exportCommand';
import type { ExportProgress } from '../shared/schemas/export';
import { emailingIds } from './arguments';
import { UsageError, defaultDb, parse } from './usage';

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

export async function exportCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    emailing: { type: 'string' },
    format: { type: 'string' },
    view: { type: 'string', default: 'clicks' },
    out: { type: 'string' },
    delimiter: { type: 'string' },
    'no-bom': { type: 'boolean', default: false },
    'no-formula-guard': { type: 'boolean', default: false },
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
    process.stdout.write(`Exported ${number.format(rows)} ${what} of emailing ${id} to ${out}${onSheets}\n`);
    return 0;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}
