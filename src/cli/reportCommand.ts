/**
 * `npm run cli -- report --emailing ID [--emailing ID …] --format pdf|xlsx|csv --out FILE`: the
 * client report of one emailing (PDF or workbook), or the comparison of several (PDF, xlsx or
 * CSV), from the cache, offline; run after `sync` from cron for a report every Monday.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../shared/appPaths';
import { type NumberLocale, numberLocales, type ReportLanguage } from '../shared/schemas/report';
import { readWallClockInput } from '../shared/wallClock';
import { reportFromCache } from '../backend/report/reportFromCache';

const USAGE = `Usage:
  npm run cli -- report --emailing ID [--emailing ID …] --format pdf|xlsx|csv --out FILE
                 [--language nl|en] [--locale nl-NL|en-US] [--days N | --from TIME --to TIME]
                 [--exclude-bots] [--db FILE]

  one emailing: its report (pdf, or xlsx: the workbook); several: their comparison (pdf, xlsx, csv)
  --language   the report's words, default from LANG (nl for Dutch, else en)
  --locale     its numbers and dates, default from LANG (nl-NL or en-US)
  --days       only the first N days after sending (one emailing)
  --from/--to  only clicks from TIME until TIME (YYYY-MM-DD[ HH:MM:SS], the account's wall clock)
  --exclude-bots  leave out clicks judged suspected bots`;

class UsageError extends Error {}

function environmentLocale(): string {
  const raw = process.env.LC_ALL || process.env.LC_NUMERIC || process.env.LANG || '';
  return raw.split(/[.@]/)[0]!.replace('_', '-');
}

function options(args: string[]) {
  let values;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        emailing: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
        language: { type: 'string' },
        locale: { type: 'string' },
        days: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'exclude-bots': { type: 'boolean', default: false },
        db: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const ids = (values.emailing ?? []).map((value) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`"${value}" is not an emailing ID.`);
    return id;
  });
  if (ids.length === 0) throw new UsageError('Name at least one emailing with --emailing ID.');
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
    format,
    out: resolve(values.out),
    style: { language, numberLocale: locale },
    scope: {
      ...(from || to ? { dateRange: { from, to } } : {}),
      excludeBots: values['exclude-bots'] === true,
    },
    days,
    dbPath: resolve(
      values.db ?? defaultDatabasePath({ platform: process.platform, homeDir: homedir(), env: process.env }),
    ),
  } as const;
}

export async function reportCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = options(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`copernica-clicks: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const { warning } = await reportFromCache({
      dbPath: parsed.dbPath,
      emailingIds: [...parsed.ids],
      format: parsed.format,
      out: parsed.out,
      style: parsed.style,
      scope: parsed.scope,
      ...(parsed.days !== undefined ? { days: parsed.days } : {}),
      signal: controller.signal,
    });
    if (warning) process.stderr.write(`Warning: ${warning} Run sync again to complete it.\n`);
    const what =
      parsed.ids.length === 1
        ? `the report of emailing ${parsed.ids[0]}`
        : `the comparison of emailings ${parsed.ids.join(', ')}`;
    process.stdout.write(`Wrote ${what} to ${parsed.out}\n`);
    return 0;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}
