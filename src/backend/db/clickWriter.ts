/**
 * Writes pages of clicks into the cache. Links and the long, repetitive texts (user agents,
 * referers) are stored once and referenced by number: that is what keeps a million clicks near
 * 70 bytes each instead of the ~370 of a naive table. The lookups are cached in memory for the
 * life of the writer, so a page costs one INSERT per click and a few per new text.
 *
 * Plans (test/sync/refreshPlans.test.ts checks them on a file without statistics): the click
 * INSERT finds a repeat on the primary key (emailing_id, id); findText is SEARCH texts USING
 * COVERING INDEX sqlite_autoindex_texts_1 (value=?), the UNIQUE constraint's index; the links of
 * the emailing are read once per sync through links_by_emailing.
 */
import type Database from 'better-sqlite3';
import type { Click } from '../copernica/types';
import { parseWallClock, type ZoneConverter } from '../../shared/wallClock';

/** What the per-link and per-profile summaries need of a click that was new to the cache. */
export interface InsertedClick {
  id: number;
  link: number | null;
  profile: number | null;
  destination: number | null;
  wall: number | null;
}

export interface PageWriteResult {
  /** Clicks that were new to the cache (repeats of cached click IDs are skipped). */
  inserted: number;
  insertedClicks: InsertedClick[];
  /**
   * The latest canonical timestamp text in the page that is not in the future, or null: what
   * may move the watermark. Text that is not a time, or a time days ahead of now (a server's
   * bug), would make later refreshes ask from the wrong moment, so it never counts here; the
   * click itself is still stored.
   */
  maxTimestamp: string | null;
}

export class ClickWriter {
  private readonly insertClick: Database.Statement;
  private readonly insertLink: Database.Statement;
  private readonly insertText: Database.Statement;
  private readonly findText: Database.Statement<[string], { id: number }>;
  private readonly linkIds = new Map<string, number>();
  private readonly textIds = new Map<string, number>();
  /** Wall seconds past which a click time is taken for a server's error (see maxTimestamp). */
  private readonly latestPlausibleWall: number;

  constructor(
    private readonly db: Database.Database,
    private readonly emailingKey: number,
    private readonly zone: ZoneConverter,
    now: Date = new Date(),
  ) {
    // Two days ahead of UTC: later than the wall clock of any zone (at most 14 hours ahead).
    this.latestPlausibleWall = Math.floor(now.getTime() / 1000) + 2 * 86_400;
    this.insertClick = db.prepare(
      `INSERT INTO clicks (emailing_id, id, link, ts_local, ts_utc, ts_raw, ip, user_agent, referer, emailing, destination, profile, subprofile)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (emailing_id, id) DO NOTHING`,
    );
    this.insertLink = db.prepare('INSERT INTO links (emailing_id, link_id, url, title) VALUES (?, ?, ?, ?)');
    this.insertText = db.prepare('INSERT INTO texts (value) VALUES (?)');
    this.findText = db.prepare('SELECT id FROM texts WHERE value = ?');
    const links = db
      .prepare('SELECT id, link_id AS linkId, url, title FROM links WHERE emailing_id = ?')
      .all(emailingKey) as { id: number; linkId: number | null; url: string | null; title: string | null }[];
    for (const link of links) this.linkIds.set(linkKey(link.linkId, link.url, link.title), link.id);
  }

  /** Writes one page; the caller wraps it in the transaction that also records progress. */
  writePage(clicks: readonly Click[]): PageWriteResult {
    const insertedClicks: InsertedClick[] = [];
    let maxTimestamp: string | null = null;
    for (const click of clicks) {
      const wall = parseWallClock(click.timestamp);
      if (
        wall !== null &&
        wall <= this.latestPlausibleWall &&
        (maxTimestamp === null || click.timestamp > maxTimestamp)
      ) {
        maxTimestamp = click.timestamp;
      }
      const link = this.linkRef(click);
      const info = this.insertClick.run(
        this.emailingKey,
        click.id,
        link,
        wall,
        wall === null ? null : this.zone.toUtc(wall),
        wall === null ? click.timestamp : null,
        click.ip,
        this.textRef(click.userAgent),
        this.textRef(click.referer),
        click.emailing,
        click.destination,
        click.profile,
        click.subprofile,
      );
      if (info.changes > 0)
        insertedClicks.push({
          id: click.id,
          link,
          profile: click.profile,
          destination: click.destination,
          wall,
        });
    }
    return { inserted: insertedClicks.length, insertedClicks, maxTimestamp };
  }

  private linkRef(click: Click): number {
    const key = linkKey(click.linkId, click.link, click.linkTitle);
    let id = this.linkIds.get(key);
    if (id === undefined) {
      id = Number(
        this.insertLink.run(this.emailingKey, click.linkId, click.link, click.linkTitle).lastInsertRowid,
      );
      this.linkIds.set(key, id);
    }
    return id;
  }

  private textRef(value: string | null): number | null {
    if (value === null) return null;
    let id = this.textIds.get(value);
    if (id === undefined) {
      id = this.findText.get(value)?.id ?? Number(this.insertText.run(value).lastInsertRowid);
      this.textIds.set(value, id);
    }
    return id;
  }
}

function linkKey(linkId: number | null, url: string | null, title: string | null): string {
  // JSON keeps null apart from the empty string and cannot be confused by separators in the text.
  return JSON.stringify([linkId, url, title]);
}
