/**
 * What the cache counts of an emailing's clicks, for the whole emailing or a period of the
 * date-range control. The whole emailing is read from the figures the sync keeps
 * (destinationFigures.ts) and the emailing's row count: lookups, whatever the size. A period is
 * counted over its clicks (a range of click IDs where times follow IDs).
 */
import type Database from 'better-sqlite3';
import { type BotReason, botReasons, type CacheFigures } from '../../shared/schemas/figures';
import { botReasonBit } from '../../shared/schemas/bots';
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
 * The clicks without suspected bots (bots/verdictPass.ts). For the whole emailing, the tallies
 * the verdicts keep: a few rows, whatever the size. For a period, counted over its clicks with
 * their verdicts. An emailing whose verdicts are not computed yet has no click left out. A click
 * with several reasons counts under each.
 */
export function humanClickFigures(
  db: Database.Database,
  emailingKey: number,
  range: DateRange | undefined,
  all: AllClickFigures,
): HumanClickFigures {
  const byReason = Object.fromEntries(botReasons.map((r) => [r, 0])) as Record<BotReason, number>;
  if (!hasRange(range)) {
    const rows = db
      .prepare(
        `SELECT dimension, value, clicks, human_clicks AS humanClicks, human_clickers AS humanClickers
           FROM click_tallies WHERE emailing_id = ? AND dimension IN ('all', 'reason')`,
      )
      .all(emailingKey) as {
      dimension: string;
      value: string;
      clicks: number;
      humanClicks: number;
      humanClickers: number;
    }[];
    const total = rows.find((r) => r.dimension === 'all');
    if (!total)
      return {
        botClicks: 0,
        humanClicks: all.clicks,
        humanUniqueClickers: all.uniqueClickers,
        botClicksByReason: byReason,
      };
    for (const r of rows)
      if (r.dimension === 'reason' && r.value in byReason) byReason[r.value as BotReason] = r.clicks;
    return {
      botClicks: total.clicks - total.humanClicks,
      humanClicks: total.humanClicks,
      humanUniqueClickers: total.humanClickers,
      botClicksByReason: byReason,
    };
  }
  const statements = new StatementCache(db);
  const { condition } = clickRange(statements, emailingKey, range);
  const reasonSums = botReasons
    .map((r) => `COALESCE(SUM((b.reasons & ${botReasonBit[r]}) <> 0), 0) AS ${r}`)
    .join(', ');
  const bots = statements
    .get(
      `SELECT COUNT(*) AS botClicks, ${reasonSums}
         FROM clicks AS c JOIN bot_clicks b ON b.emailing_id = c.emailing_id AND b.click_id = c.id
        WHERE c.emailing_id = ? AND ${condition.sql}`,
    )
    .get(emailingKey, ...condition.params) as { botClicks: number } & Record<BotReason, number>;
  const humanUniqueClickers = statements
    .get(
      `SELECT COUNT(DISTINCT c.destination) FROM clicks AS c
        WHERE c.emailing_id = ? AND ${condition.sql}
          AND NOT EXISTS (SELECT 1 FROM bot_clicks b WHERE b.emailing_id = c.emailing_id AND b.click_id = c.id)`,
    )
    .pluck()
    .get(emailingKey, ...condition.params) as number;
  for (const r of botReasons) byReason[r] = bots[r];
  return {
    botClicks: bots.botClicks,
    humanClicks: all.clicks - bots.botClicks,
    humanUniqueClickers,
    botClicksByReason: byReason,
  };
}
