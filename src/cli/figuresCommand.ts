/**
 * `npm run cli -- figures --emailing ID [--db FILE] [--json]`: the key figures of a cached
 * emailing, from the cache file opened read-only: Copernica's statistics as last fetched, what
 * the cache counts with and without suspected bots, the rates with their formulas, and the
 * reconciliation. `--json` prints one object, EmailingFiguresSchema (src/shared/schemas/figures.ts).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../shared/appPaths';
import { AppError, isAppError } from '../shared/errors';
import { deliveredFormula, formatFigure, formatRate, rateDefinitions } from '../shared/figures/rates';
import { reconciliationText } from '../shared/figures/reconciliationText';
import { botReasons, type EmailingFigures } from '../shared/schemas/figures';
import { findEmailingKeys } from '../backend/db/emailings';
import { openDatabase } from '../backend/db/open';
import { KeyFiguresView } from '../backend/figures/keyFigures';

const USAGE = 'Usage: npm run cli -- figures --emailing ID [--db FILE] [--json]';
/** The CLI writes numbers the way its other output does. */
const LOCALE = 'en-US';

export async function figuresCommand(args: string[]): Promise<number> {
  let values: { emailing?: string; db?: string; json?: boolean };
  try {
    values = parseArgs({
      args,
      options: {
        emailing: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
  const id = Number(values.emailing);
  if (values.emailing === undefined) return usageError('Name the emailing with --emailing ID.');
  if (!Number.isSafeInteger(id) || id <= 0) return usageError(`"${values.emailing}" is not an emailing ID.`);
  const dbPath = resolve(
    values.db ?? defaultDatabasePath({ platform: process.platform, homeDir: homedir(), env: process.env }),
  );
  try {
    const figures = readFigures(dbPath, id);
    process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : figuresText(figures));
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    process.stderr.write(`copernica-clicks: ${error.message}\n`);
    return 1;
  }
}

function usageError(message: string): number {
  process.stderr.write(`copernica-clicks: ${message}\n${USAGE}\n`);
  return 2;
}

function readFigures(dbPath: string, emailingId: number): EmailingFigures {
  if (!existsSync(dbPath)) throw new AppError('not_cached', `There is no cache at ${dbPath}; sync first.`);
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const [key] = findEmailingKeys(db, emailingId);
    if (key === undefined) {
      throw new AppError(
        'not_cached',
        `Emailing ${emailingId} is not in the cache ${dbPath}; sync it first.`,
      );
    }
    return new KeyFiguresView(db).emailingFigures(key);
  } finally {
    db.close();
  }
}

const reasonLabels: Record<(typeof botReasons)[number], string> = {
  burst: 'burst',
  everyLink: 'every link',
  knownAgent: 'known agent',
  scannerNetwork: 'scanner network',
  sticky: 'sticky',
};

/** The figures as a table a person reads; "—" for what Copernica did not give. */
export function figuresText(f: EmailingFigures): string {
  const n = (value: number | null): string => formatFigure(value, LOCALE);
  const row = (label: string, value: string, note = ''): string =>
    `  ${label.padEnd(22)}${value.padStart(12)}${note ? `   ${note}` : ''}\n`;
  let out = `Emailing ${f.emailing}\n`;
  const c = f.copernica;
  if (c === null) {
    out += 'Copernica: its statistics were not fetched yet; run sync.\n';
  } else {
    out += `Copernica, as of ${c.fetchedAt}\n`;
    out += row('Destinations', n(c.destinations));
    out += row('Delivered', n(c.delivered), deliveredFormula);
    out += row('Errors', n(c.errors));
    out += row('Impressions', n(c.impressions.total), `unique ${n(c.impressions.unique)}`);
    out += row('Clicks', n(c.clicks.total), `unique (clicking destinations) ${n(c.clicks.unique)}`);
    out += row('Unsubscribes', n(c.unsubscribes));
    out += row('Complaints', n(c.abuses));
  }
  const k = f.cache;
  out += `Cache${''.padEnd(19)}${'all clicks'.padStart(12)}   without suspected bots\n`;
  out += row('Clicks', n(k.clicks), n(k.humanClicks));
  out += row('Unique clickers', n(k.uniqueClickers), `${n(k.humanUniqueClickers)}   distinct destinations`);
  out += row('Unique link clicks', n(k.uniqueLinkClicks), 'distinct destination × link');
  const reasons = botReasons.map((r) => `${reasonLabels[r]} ${n(k.botClicksByReason[r])}`).join(', ');
  out += row('Suspected bot clicks', n(k.botClicks), reasons);
  out += 'Rates\n';
  for (const d of rateDefinitions) out += row(d.label, formatRate(f.rates[d.id], LOCALE), d.formula);
  out += `Reconciliation: ${reconciliationText(f.reconciliation, LOCALE)}\n`;
  return out;
}
