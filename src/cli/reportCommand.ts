/**
 * `copernica-clicks report --emailing ID [--emailing ID …] --format pdf|xlsx|csv --out FILE`: the
 * client report of one emailing (PDF or workbook), or the comparison of several (PDF, xlsx or
 * CSV), from the cache, offline; run after `sync` from cron for a report every Monday.
 */
import { type NumberLocale, numberLocales, type ReportLanguage } from '../shared/schemas/report';
import { readWallClockInput } from '../shared/wallClock';
import { reportFromCache } from '../backend/report/reportFromCache';
import { emailingIds, userPath } from './arguments';
import type { Product } from '../shared/schemas/product';
import { listenForStop } from './stopSignals';
import { TOOL, UsageError, defaultDb, parse, wantsHelp } from './usage';

export const REPORT_HELP = `Usage: ${TOOL} report --emailing ID [--emailing ID …] [--ms-emailing ID …] --format pdf|xlsx|csv --out FILE
         [--language nl|en] [--locale nl-NL|en-US] [--days N | --from TIME --to TIME]
         [--exclude-bots] [--db FILE]

  one emailing: its report (pdf, or xlsx: the workbook); several: their comparison (pdf, xlsx, csv)
  --ms-emailing a Marketing Suite emailing's ID (the two products number apart)
  --account    the account's label or ID in the cache, when an emailing's ID is in several
  --language   the report's words, default from LANG (nl for Dutch, else en)
  --locale     its numbers and dates, default from LANG (nl-NL or en-US)
  --days       only the first N days after sending (one emailing)
  --from/--to  only clicks from TIME until TIME (YYYY-MM-DD[ HH:MM:SS], the account's wall clock)
  --exclude-bots  leave out clicks judged suspected bots
  --db         cache file, default the app's own: ${defaultDb()}
  --help       this text`;

function environmentLocale(): string {
  const raw = process.env.LC_ALL || process.env.LC_NUMERIC || process.env.LANG || '';
  return raw.split(/[.@]/)[0]!.replace('_', '-');
}

function options(args: string[]) {
  const values = parse(args, {
    emailing: { type: 'string', multiple: true },
    'ms-emailing': { type: 'string', multiple: true },
    account: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    language: { type: 'string' },
    locale: { type: 'string' },
    days: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'exclude-bots': { type: 'boolean', default: false },
    db: { type: 'string' },
  }) as {
    emailing?: string[];
    'ms-emailing'?: string[];
    account?: string;
    format?: string;
    out?: string;
    language?: string;
    locale?: string;
    days?: string;
    from?: string;
    to?: string;
    'exclude-bots'?: boolean;
    db?: string;
  };
  const msIds = emailingIds(values['ms-emailing'], false);
  const ids: { id: number; product: Product }[] = [
    ...emailingIds(values.emailing, msIds.length === 0).map((id) => ({ id, product: 'publisher' as const })),
    ...msIds.map((id) => ({ id, product: 'ms' as const })),
  ];
  const format = values.format;
  if (format !== 'pdf' && format !== 'xlsx' && format !== 'csv')
    throw new UsageError('Give --format pdf, xlsx or csv.');
  if (format === 'csv' && ids.length === 1)
    throw new UsageError('The report of one emailing is a PDF or a workbook; CSV is for a comparison.');
  if (!values.out) throw new UsageError('Name the file to write with --out FILE.');
  const envLocale = environmentLocale();
  const language = (values.language ?? (envLocale.startsWith('nl') ? 'nl' : 'en')) as ReportLanguage;
  if (language !== 'nl' && language !== 'en') throw new UsageError('--language takes nl or en.');
  const locale = (values.locale ?? (envLocale.startsWith('nl') ? 'nl-NL' : 'en-US')) as NumberLocale;
  if (!(numberLocales as readonly string[]).includes(locale))
    throw new UsageError(`--locale takes ${numberLocales.join(' or ')}.`);
  let days: number | undefined;
  if (values.days !== undefined) {
    days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw new UsageError('--days takes a whole number from 1 to 366.');
    if (ids.length > 1)
      throw new UsageError('--days is for one emailing; give --from and --to for a comparison.');
    if (values.from || values.to) throw new UsageError('Give --days or --from/--to, not both.');
  }
  const wall = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const text = readWallClockInput(value);
    if (text === null) throw new UsageError(`${name} takes a time as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.`);
    return text;
  };
  const from = wall(values.from, '--from');
  const to = wall(values.to, '--to');
  return {
    ids,
    account: values.account,
    format,
    out: userPath(values.out),
    style: { language, numberLocale: locale },
    scope: {
      ...(from || to ? { dateRange: { from, to } } : {}),
      excludeBots: values['exclude-bots'] === true,
    },
    days,
    dbPath: userPath(values.db ?? defaultDb()),
  } as const;
}

export async function reportCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${REPORT_HELP}\n`);
    return 0;
  }
  const parsed = options(args);
  const stop = listenForStop();
  try {
    const { warning } = await reportFromCache({
      dbPath: parsed.dbPath,
      emailings: [...parsed.ids],
      ...(parsed.account === undefined ? {} : { account: parsed.account }),
      format: parsed.format,
      out: parsed.out,
      style: parsed.style,
      scope: parsed.scope,
      ...(parsed.days !== undefined ? { days: parsed.days } : {}),
      signal: stop.signal,
    });
    if (warning) process.stderr.write(`Warning: ${warning} Run sync again to complete it.\n`);
    const named = parsed.ids.map(({ id, product }) =>
      product === 'ms' ? `Marketing Suite ${id}` : String(id),
    );
    const what =
      parsed.ids.length === 1
        ? `the report of emailing ${named[0]}`
        : `the comparison of emailings ${named.join(', ')}`;
    process.stdout.write(`Wrote ${what} to ${parsed.out}\n`);
    return 0;
  } finally {
    stop.dispose();
  }
}
