/**
 * Per-link and per-profile totals of one emailing (clicks, unique profiles or links, first and
 * last click). COUNT(DISTINCT …) over a million clicks takes seconds in SQL, far too slow for a
 * view that must answer in 100 ms, so the views read tables kept up to date by the sync:
 * page by page as clicks arrive (SummaryUpdater), or, after a bulk first load, recomputed in one
 * pass over the emailing's clicks (refreshSummaries).
 */
import type Database from 'better-sqlite3';
import type { InsertedClick } from '../db/clickWriter';
import { writeTransaction } from '../db/writeTransaction';
import { DestinationFiguresUpdater, rebuildDestinationFigures } from '../figures/destinationFigures';

interface Totals {
  clicks: number;
  unique: number;
  first: number | null;
  last: number | null;
}

const earlier = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
const later = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

function add(totals: Map<number | null, Totals>, key: number | null, wall: number | null): Totals {
  let t = totals.get(key);
  if (!t) {
    t = { clicks: 0, unique: 0, first: null, last: null };
    totals.set(key, t);
  }
  t.clicks += 1;
  t.first = earlier(t.first, wall);
  t.last = later(t.last, wall);
  return t;
}

/**
 * Recomputes both summaries of an emailing (and its link_profiles pairs) in one sequential pass
 * over its clicks, the primary key's range of the emailing (SEARCH clicks USING PRIMARY KEY
 * (emailing_id=?)): no grid index is needed. Reads and writes happen in one IMMEDIATE
 * transaction, so the totals are of exactly the clicks they replace, and a kill at any moment
 * leaves either the old summaries with their stale mark or the new ones without it. The
 * emailing's row count is set from the same pass, which mends a count that disagreed.
 */
export function refreshSummaries(db: Database.Database, emailingKey: number): void {
  writeTransaction(db, () => {
    const links = new Map<number | null, Totals>();
    const profiles = new Map<number | null, Totals>();
    // Distinct (link, profile) pairs, packed into one number in link_profiles' key order: unique
    // profiles per link and unique links per profile both follow from them without a Set per
    // link or per profile.
    const pairs = new Set<number>();
    let rows = 0;
    const clicks = db
      .prepare('SELECT link, profile, ts_local FROM clicks WHERE emailing_id = ?')
      .raw(true)
      .iterate(emailingKey) as IterableIterator<[number | null, number | null, number | null]>;
    for (const [link, profile, wall] of clicks) {
      rows += 1;
      const forLink = link === null ? null : add(links, link, wall);
      const forProfile = add(profiles, profile, wall);
      if (link === null) continue;
      const pair = link * PROFILE_SPAN + (profile ?? NO_PROFILE);
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      if (profile !== null && forLink) forLink.unique += 1;
      forProfile.unique += 1;
    }
    db.prepare('DELETE FROM link_stats WHERE emailing_id = ?').run(emailingKey);
    db.prepare('DELETE FROM profile_stats WHERE emailing_id = ?').run(emailingKey);
    db.prepare('DELETE FROM link_profiles WHERE emailing_id = ?').run(emailingKey);
    const insertLink = db.prepare(
      'INSERT INTO link_stats (emailing_id, link, clicks, unique_profiles, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const [link, t] of links) insertLink.run(emailingKey, link, t.clicks, t.unique, t.first, t.last);
    const insertProfile = db.prepare(
      'INSERT INTO profile_stats (emailing_id, profile, clicks, unique_links, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const [profile, t] of profiles)
      insertProfile.run(emailingKey, profile, t.clicks, t.unique, t.first, t.last);
    const insertPair = db.prepare('INSERT INTO link_profiles (emailing_id, link, profile) VALUES (?, ?, ?)');
    // In key order the pairs' B-tree is appended to, not split at random.
    for (const pair of [...pairs].sort((a, b) => a - b))
      insertPair.run(emailingKey, Math.floor(pair / PROFILE_SPAN), pair % PROFILE_SPAN);
    rebuildDestinationFigures(db, emailingKey);
    db.prepare('UPDATE sync_state SET rows = ?, summaries_stale = 0 WHERE emailing_id = ?').run(
      rows,
      emailingKey,
    );
  });
  // Fresh statistics let the planner pick the right index for filtered grid queries.
  db.pragma('optimize');
}

/** link_profiles.profile of a click without a profile (see migration 4). */
const NO_PROFILE = 0;
/** Profile IDs below 2^32 and link keys below 2^21 pack exactly into a double. */
const PROFILE_SPAN = 2 ** 32;

/**
 * Whether the summaries of an emailing cannot be trusted: a bulk load left its mark, or their
 * click count disagrees with the emailing's row count (kept in the transaction of every page).
 * The sum is over profile_stats_by_clicks, a covering index of the emailing's profiles: no
 * click is read.
 */
export function summariesNeedRebuild(db: Database.Database, emailingKey: number): boolean {
  const row = db
    .prepare(
      `SELECT s.summaries_stale AS stale, s.rows,
              (SELECT COALESCE(SUM(p.clicks), 0) FROM profile_stats AS p INDEXED BY profile_stats_by_clicks
                WHERE p.emailing_id = s.emailing_id) AS summarised
         FROM sync_state AS s WHERE s.emailing_id = ?`,
    )
    .get(emailingKey) as { stale: number; rows: number; summarised: number } | undefined;
  return row !== undefined && (row.stale === 1 || row.rows !== row.summarised);
}

/**
 * Adds the clicks a page brought to the summaries, inside the page's transaction. A (link,
 * profile) pair is new when link_profiles did not have it. The cost of a page is a few
 * primary-key operations per distinct link, profile and pair it brings, whatever is cached:
 * - addPair: INSERT into link_profiles, conflict on its primary key (emailing_id, link, profile);
 * - upsertLink: INSERT into link_stats, conflict on its primary key (emailing_id, link);
 * - updateProfile: SEARCH profile_stats USING INDEX profile_stats_by_profile (emailing_id=? AND
 *   profile=?), named with INDEXED BY (migration 2 creates it and nothing drops it);
 * - insertProfile: a plain INSERT.
 */
export class SummaryUpdater {
  private readonly addPair: Database.Statement;
  private readonly upsertLink: Database.Statement;
  private readonly findProfile: Database.Statement;
  private readonly profileUpdates = new Map<number, Database.Statement>();
  private readonly insertProfile: Database.Statement;
  private readonly destinations: DestinationFiguresUpdater;

  constructor(
    private readonly db: Database.Database,
    private readonly emailingKey: number,
  ) {
    this.addPair = db.prepare(
      'INSERT INTO link_profiles (emailing_id, link, profile) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.upsertLink = db.prepare(
      `INSERT INTO link_stats (emailing_id, link, clicks, unique_profiles, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (emailing_id, link) DO UPDATE SET
         clicks = clicks + excluded.clicks,
         unique_profiles = unique_profiles + excluded.unique_profiles,
         first_ts = CASE WHEN first_ts IS NULL OR excluded.first_ts < first_ts THEN excluded.first_ts ELSE first_ts END,
         last_ts = CASE WHEN last_ts IS NULL OR excluded.last_ts > last_ts THEN excluded.last_ts ELSE last_ts END`,
    );
    // The profile's row by its index (SEARCH profile_stats USING INDEX profile_stats_by_profile),
    // then an UPDATE by rowid of the columns that really change: each column assigned rewrites
    // its sort index's entry, and a refresh mostly leaves first_ts and often unique_links alone.
    this.findProfile = db.prepare(
      `SELECT rowid AS id, clicks, unique_links AS "unique", first_ts AS "first", last_ts AS "last"
         FROM profile_stats INDEXED BY profile_stats_by_profile WHERE emailing_id = ? AND profile IS ?`,
    );
    this.insertProfile = db.prepare(
      'INSERT INTO profile_stats (emailing_id, profile, clicks, unique_links, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.destinations = new DestinationFiguresUpdater(db, emailingKey);
  }

  /** UPDATE … WHERE rowid = ? (SEARCH profile_stats USING INTEGER PRIMARY KEY) of clicks and the columns in `mask`. */
  private profileUpdate(mask: number): Database.Statement {
    let statement = this.profileUpdates.get(mask);
    if (!statement) {
      const columns = ['clicks = ?'];
      if (mask & 1) columns.push('unique_links = ?');
      if (mask & 2) columns.push('first_ts = ?');
      if (mask & 4) columns.push('last_ts = ?');
      statement = this.db.prepare(`UPDATE profile_stats SET ${columns.join(', ')} WHERE rowid = ?`);
      this.profileUpdates.set(mask, statement);
    }
    return statement;
  }

  apply(clicks: readonly InsertedClick[]): void {
    if (clicks.length === 0) return;
    this.destinations.apply(clicks);
    const pairs = new Map<string, { link: number; profile: number | null }>();
    const links = new Map<number | null, Totals>();
    const profiles = new Map<number | null, Totals>();
    for (const click of clicks) {
      if (click.link !== null) {
        pairs.set(`${click.link}:${click.profile}`, { link: click.link, profile: click.profile });
        add(links, click.link, click.wall);
      }
      add(profiles, click.profile, click.wall);
    }
    for (const pair of pairs.values()) {
      const isNew = this.addPair.run(this.emailingKey, pair.link, pair.profile ?? NO_PROFILE).changes > 0;
      if (!isNew) continue;
      if (pair.profile !== null) (links.get(pair.link) as Totals).unique += 1;
      (profiles.get(pair.profile) as Totals).unique += 1;
    }
    for (const [link, t] of links)
      this.upsertLink.run(this.emailingKey, link, t.clicks, t.unique, t.first, t.last);
    for (const [profile, t] of profiles) {
      const row = this.findProfile.get(this.emailingKey, profile) as (Totals & { id: number }) | undefined;
      if (!row) {
        this.insertProfile.run(this.emailingKey, profile, t.clicks, t.unique, t.first, t.last);
        continue;
      }
      const first = earlier(row.first, t.first);
      const last = later(row.last, t.last);
      const values: (number | null)[] = [row.clicks + t.clicks];
      let mask = 0;
      if (t.unique > 0) {
        mask |= 1;
        values.push(row.unique + t.unique);
      }
      if (first !== row.first) {
        mask |= 2;
        values.push(first);
      }
      if (last !== row.last) {
        mask |= 4;
        values.push(last);
      }
      values.push(row.id);
      this.profileUpdate(mask).run(...values);
    }
  }
}
