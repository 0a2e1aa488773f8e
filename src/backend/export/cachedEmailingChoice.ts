/**
 * Which cached emailing a command-line export means. Copernica's emailing IDs are per account, so
 * one cache can hold the same ID twice: then the user names the account (its label or its ID in
 * the cache), and an export that cannot tell lists the candidates rather than pick one.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { type Product, productLabels } from '../../shared/schemas/product';

interface Candidate {
  emailingKey: number;
  accountId: number;
  label: string;
  rows: number;
}

const number = new Intl.NumberFormat('en-US');

function describe(candidate: Candidate): string {
  const clicks = `${number.format(candidate.rows)} click${candidate.rows === 1 ? '' : 's'}`;
  return `"${candidate.label}" (account ${candidate.accountId}, ${clicks})`;
}

/** The emailing's local key; `account` is a label or an account ID, as `--account` takes it. */
export function chooseCachedEmailing(
  db: Database.Database,
  emailingId: number,
  account: string | undefined,
  dbPath: string,
  product: Product = 'publisher',
): number {
  // The two products number their emailings apart: Publisher 1001 and Marketing Suite 1001 are two.
  const what = product === 'publisher' ? 'Emailing' : `${productLabels[product]} emailing`;
  const candidates = db
    .prepare(
      `SELECT e.id AS emailingKey, a.id AS accountId, a.label, COALESCE(s.rows, 0) AS rows
         FROM emailings e
         JOIN accounts a ON a.id = e.account_id
         LEFT JOIN sync_state s ON s.emailing_id = e.id
        WHERE e.remote_id = ? AND e.product = ?
        ORDER BY a.id`,
    )
    .all(emailingId, product) as Candidate[];
  if (candidates.length === 0)
    throw new AppError('not_cached', `${what} ${emailingId} is not in the cache ${dbPath}; sync it first.`);
  if (account === undefined) {
    if (candidates.length === 1) return (candidates[0] as Candidate).emailingKey;
    throw new AppError(
      'invalid_input',
      `${what} ${emailingId} is in ${candidates.length} accounts of the cache: ` +
        `${candidates.map(describe).join(', ')}; choose one with --account LABEL or --account ID.`,
    );
  }
  const byLabel = candidates.filter((c) => c.label === account);
  const chosen = byLabel.length > 0 ? byLabel : candidates.filter((c) => String(c.accountId) === account);
  if (chosen.length === 1) return (chosen[0] as Candidate).emailingKey;
  if (chosen.length > 1)
    throw new AppError(
      'invalid_input',
      `Several accounts of the cache are called "${account}": ${chosen.map(describe).join(', ')}; choose one with --account ID.`,
    );
  throw new AppError(
    'not_cached',
    `${what} ${emailingId} is not cached for an account "${account}"; it is cached for ${candidates.map(describe).join(', ')}.`,
  );
}
