/**
 * What the cache counts of an emailing's clicks, for the whole emailing or a period of the
 * date-range control. The whole emailing is read from the figures the sync keeps
 * (destinationFigures.ts) and the emailing's row count: lookups, whatever the size. A period is
 * counted over its clicks (a range of click IDs where times follow IDs).
 */
import type Database from 'better-sqlite3';
import type { CacheFigures } from '../../shared/schemas/figures';
import type { DateRange } from '../../shared/schemas/grid';
import { clickRange, hasRange } from '../views/dateRange';
import { StatementCache } from '../views/statementCache';

export interface AllClickFigures {
  clicks: number;
  /** Distinct destinations that clicked. */
  uniqueClickers: number;
  /** Distinct (destination, link) pairs. */
  uniqueLinkClicks: number;
}

export class CacheClickFigures {
  private readonly statements: StatementCache;

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  /** All clicks, bots included. */
  all(emailingKey: number, range?: DateRange): AllClickFigures {
    if (!hasRange(range)) {
      const row = this.statements
        .get(
          `SELECT COALESCE(s.rows, 0) AS clicks, COALESCE(f.unique_clickers, 0) AS uniqueClickers,
                  COALESCE(f.unique_link_clicks, 0) AS uniqueLinkClicks
             FROM emailings e
             LEFT JOIN sync_state s ON s.emailing_id = e.id
             LEFT JOIN click_figures f ON f.emailing_id = e.id
            WHERE e.id = ?`,
        )
        .get(emailingKey) as AllClickFigures | undefined;
      return row ?? { clicks: 0, uniqueClickers: 0, uniqueLinkClicks: 0 };
    }
    const { condition } = clickRange(this.statements, emailingKey, range);
    return (
      this.statements
        .get(
          `SELECT COUNT(*) AS clicks,
                COUNT(DISTINCT c.destination) AS uniqueClickers,
                (SELECT COUNT(*) FROM (SELECT DISTINCT c.destination, c.link FROM clicks AS c
                  WHERE c.emailing_id = ? AND c.destination IS NOT NULL AND c.link IS NOT NULL
                    AND ${condition.sql})) AS uniqueLinkClicks
           FROM clicks AS c WHERE c.emailing_id = ? AND ${condition.sql}`,
        )
        // The subquery's parameters come first: it is written first.
        .get(emailingKey, ...condition.params, emailingKey, ...condition.params) as AllClickFigures
    );
  }

  /** The cache's figures, with the human ones beside the totals. */
  figures(emailingKey: number, range?: DateRange): CacheFigures {
    const all = this.all(emailingKey, range);
    return { ...all, ...humanClickFigures(this.db, emailingKey, range, all) };
  }
}

export type HumanClickFigures = Pick<
  CacheFigures,
  'botClicks' | 'humanClicks' | 'humanUniqueClickers' | 'botClicksByReason'
>;

/**
 * The clicks without suspected bots. Until the bot rules judge each click (they come with the
 * verdicts, issue 9 point 5), no click is a suspected bot: the human figures are the totals and
 * no click is left out for any reason. The verdicts replace this function.
 */
export function humanClickFigures(
  _db: Database.Database,
  _emailingKey: number,
  _range: DateRange | undefined,
  all: AllClickFigures,
): HumanClickFigures {
  return {
    botClicks: 0,
    humanClicks: all.clicks,
    humanUniqueClickers: all.uniqueClickers,
    botClicksByReason: { burst: 0, everyLink: 0, knownAgent: 0, scannerNetwork: 0, sticky: 0 },
  };
}
