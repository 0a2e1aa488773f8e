/**
 * The comparison of several emailings (a client's last newsletters): each one's key figures,
 * computed exactly as its own report computes them, in send-date order; and its links matched
 * across the emailings by address without tracking parameters (linkMatching.ts), so that the
 * shop link of every newsletter is one row with a column per emailing.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { type LinkKind } from '../../shared/linkKinds';
import { matchKey } from '../../shared/linkMatching';
import { parseWallClock } from '../../shared/wallClock';
import { linkClicks } from './emailingReport';
import { type KeyFigures, reportKeyFigures } from './reportFigures';
import type { ParsedScope } from './scopeSql';

export interface ComparedEmailing {
  emailingKey: number;
  remoteId: number;
  subject: string | null;
  sentAt: string | null;
  accountLabel: string;
  /** The account's zone, in which sentAt reads. */
  timeZone: string;
  figures: KeyFigures;
}

export interface MatchedLink {
  /** The address without tracking parameters, as matched. */
  key: string;
  /** The title and address of its most clicked occurrence. */
  title: string | null;
  url: string | null;
  kind: LinkKind;
  /** Clicks in each emailing, in the order of `emailings`; null where the emailing had no such link clicked. */
  clicks: (number | null)[];
  total: number;
}

export interface Comparison {
  scope: ParsedScope;
  emailings: ComparedEmailing[];
  links: MatchedLink[];
}

/** The zone the compared emailings' times read in: their accounts' ("UTC, Europe/Amsterdam" if they differ). */
export function comparisonTimeZone(comparison: Pick<Comparison, 'emailings'>): string {
  return [...new Set(comparison.emailings.map((e) => e.timeZone))].join(', ');
}

export function comparisonData(
  db: Database.Database,
  emailingKeys: readonly number[],
  scope: ParsedScope,
): Comparison {
  const read = db.prepare(
    `SELECT e.id AS emailingKey, e.remote_id AS remoteId, e.subject, e.sent_at AS sentAt, a.label AS accountLabel,
              a.time_zone AS timeZone
       FROM emailings e JOIN accounts a ON a.id = e.account_id WHERE e.id = ?`,
  );
  const emailings = [...new Set(emailingKeys)].map((key) => {
    const row = read.get(key) as Omit<ComparedEmailing, 'figures'> | undefined;
    if (!row) throw new AppError('not_found', 'An emailing to compare is not in the cache.');
    return { ...row, figures: reportKeyFigures(db, key, scope) };
  });
  // Oldest first: the chart and the columns read left to right as time goes.
  const sent = (e: ComparedEmailing) => (e.sentAt ? (parseWallClock(e.sentAt) ?? Infinity) : Infinity);
  emailings.sort((a, b) => sent(a) - sent(b) || a.remoteId - b.remoteId);

  const matched = new Map<string, MatchedLink & { best: number }>();
  emailings.forEach((e, column) => {
    for (const link of linkClicks(db, e.emailingKey, scope)) {
      const key = link.url === null ? '' : matchKey(link.url);
      let row = matched.get(key);
      if (!row) {
        row = {
          key,
          title: link.title,
          url: link.url,
          kind: link.kind,
          clicks: emailings.map(() => null),
          total: 0,
          best: 0,
        };
        matched.set(key, row);
      }
      row.clicks[column] = (row.clicks[column] ?? 0) + link.clicks;
      row.total += link.clicks;
      if (link.clicks > row.best) Object.assign(row, { best: link.clicks, title: link.title, url: link.url });
    }
  });
  const links = [...matched.values()]
    // Content links first, system links after: a ranking never mixes the two.
    .sort(
      (a, b) =>
        Number(a.kind !== 'content') - Number(b.kind !== 'content') ||
        b.total - a.total ||
        (a.key < b.key ? -1 : 1),
    )
    .map(({ best: _best, ...link }) => link);
  return { scope, emailings, links };
}
