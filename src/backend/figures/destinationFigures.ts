/**
 * The cache's click figures of a whole emailing, kept by the sync so that they answer in a
 * lookup: unique clickers (distinct destinations, Copernica's "unique clicks") and unique link
 * clicks (distinct destination × link, Mailchimp's and Postmark's). COUNT(DISTINCT …) over a
 * million clicks takes about a second; here each page adds its new pairs to destination_links
 * and the counts to click_figures, in the page's transaction, and a bulk load rebuilds both with
 * the other summaries. Clicks without a destination count as clicks, not as clickers.
 */
import type Database from 'better-sqlite3';
import type { InsertedClick } from '../db/clickWriter';

/** Recomputes the emailing's pairs and counts from its clicks; runs inside refreshSummaries' transaction. */
export function rebuildDestinationFigures(db: Database.Database, emailingKey: number): void {
  db.prepare('DELETE FROM destination_links WHERE emailing_id = ?').run(emailingKey);
  const pairs = db
    .prepare(
      `INSERT INTO destination_links (emailing_id, destination, link)
         SELECT DISTINCT emailing_id, destination, link FROM clicks
          WHERE emailing_id = ? AND destination IS NOT NULL AND link IS NOT NULL
          ORDER BY destination, link`,
    )
    .run(emailingKey).changes;
  // Distinct destinations over the pairs' primary key: already in destination order.
  const clickers = db
    .prepare('SELECT COUNT(DISTINCT destination) FROM destination_links WHERE emailing_id = ?')
    .pluck(true)
    .get(emailingKey) as number;
  db.prepare(
    `INSERT INTO click_figures (emailing_id, unique_clickers, unique_link_clicks) VALUES (?, ?, ?)
     ON CONFLICT (emailing_id) DO UPDATE SET unique_clickers = excluded.unique_clickers,
       unique_link_clicks = excluded.unique_link_clicks`,
  ).run(emailingKey, clickers, pairs);
}

/**
 * Adds a page's new clicks to the figures inside the page's transaction. Per distinct
 * destination of the page one primary-key probe of destination_links (is it a new clicker?), per
 * distinct pair one INSERT … ON CONFLICT DO NOTHING (is it a new link click?), and one upsert.
 */
export class DestinationFiguresUpdater {
  private readonly hasDestination: Database.Statement;
  private readonly addPair: Database.Statement;
  private readonly addCounts: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly emailingKey: number,
  ) {
    this.hasDestination = db
      .prepare('SELECT 1 FROM destination_links WHERE emailing_id = ? AND destination = ? LIMIT 1')
      .pluck(true);
    this.addPair = db.prepare(
      'INSERT INTO destination_links (emailing_id, destination, link) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.addCounts = db.prepare(
      `INSERT INTO click_figures (emailing_id, unique_clickers, unique_link_clicks) VALUES (?, ?, ?)
       ON CONFLICT (emailing_id) DO UPDATE SET unique_clickers = unique_clickers + excluded.unique_clickers,
         unique_link_clicks = unique_link_clicks + excluded.unique_link_clicks`,
    );
  }

  apply(clicks: readonly InsertedClick[]): void {
    const linksByDestination = new Map<number, Set<number>>();
    for (const click of clicks) {
      if (click.destination === null || click.link === null) continue;
      let links = linksByDestination.get(click.destination);
      if (!links) {
        links = new Set();
        linksByDestination.set(click.destination, links);
      }
      links.add(click.link);
    }
    let newClickers = 0;
    let newPairs = 0;
    for (const [destination, links] of linksByDestination) {
      if (this.hasDestination.get(this.emailingKey, destination) === undefined) newClickers += 1;
      for (const link of links) newPairs += this.addPair.run(this.emailingKey, destination, link).changes;
    }
    this.addCounts.run(this.emailingKey, newClickers, newPairs);
  }
}
