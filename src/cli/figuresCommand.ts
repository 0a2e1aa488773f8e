/**
 * `copernica-clicks figures --emailing ID [--db FILE] [--json]`: the key figures of a cached
 * emailing, from the cache file opened read-only: Copernica's statistics as last fetched, what
 * the cache counts with and without suspected bots, the rates with their formulas, and the
 * reconciliation. `--json` prints one object, EmailingFiguresSchema (src/shared/schemas/figures.ts).
 */
import { existsSync } from 'node:fs';
import { AppError } from '../shared/errors';
import { deliveredFormula, formatFigure, formatRate, rateDefinitions } from '../shared/figures/rates';
import { reconciliationText } from '../shared/figures/reconciliationText';
import { botReasons, type KeyFigures } from '../shared/schemas/figures';
import { chooseCachedEmailing } from '../backend/export/cachedEmailingChoice';
import { openDatabase } from '../backend/db/open';
import { KeyFiguresView } from '../backend/figures/keyFigures';
import type { Product } from '../shared/schemas/product';
import { emailingIds, userPath } from './arguments';
import { TOOL, UsageError, defaultDb, parse, wantsHelp } from './usage';

export const FIGURES_HELP = `Usage: ${TOOL} figures --emailing ID|--ms-emailing ID [--db FILE] [--json]

The key figures of a cached emailing: Copernica's statistics as last fetched, what the cache
counts with and without suspected bots, the rates with their formulas, and the reconciliation.

  --emailing ID     a Publisher emailing's ID at Copernica
  --ms-emailing ID  a Marketing Suite emailing's ID (the two products number apart)
  --account A       the account's label or ID in the cache, when the emailing's ID is in several
  --json            one object (rates as fractions, null where a term is missing)
  --db FILE         cache file, default the app's own: ${defaultDb()}
  --help            this text`;

/** The CLI writes numbers the way its other output does. */
const LOCALE = 'en-US';

export async function figuresCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${FIGURES_HELP}\n`);
    return 0;
  }
  const values = parse(args, {
    emailing: { type: 'string' },
    'ms-emailing': { type: 'string' },
    account: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (values.emailing !== undefined && values['ms-emailing'] !== undefined)
    throw new UsageError('Name one emailing: --emailing ID or --ms-emailing ID, not both.');
  const product: Product = values['ms-emailing'] !== undefined ? 'ms' : 'publisher';
  const [id] = emailingIds(product === 'ms' ? values['ms-emailing'] : values.emailing);
  const dbPath = userPath((values.db as string | undefined) ?? defaultDb());
  const figures = readFigures(dbPath, id as number, product, values.account as string | undefined);
  process.stdout.write(values.json ? `${JSON.stringify(figures.figures, null, 2)}\n` : figuresText(figures));
  return 0;
}

function readFigures(dbPath: string, emailingId: number, product: Product, account?: string): KeyFigures {
  if (!existsSync(dbPath)) throw new AppError('not_cached', `There is no cache at ${dbPath}; sync first.`);
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const key = chooseCachedEmailing(db, emailingId, account, dbPath, product);
    return new KeyFiguresView(db).keyFigures({ emailingKey: key });
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
export function figuresText({ figures: f, reconciliation }: KeyFigures): string {
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
  out += `Reconciliation: ${reconciliationText(reconciliation, LOCALE)}\n`;
  return out;
}
