/**
 * Per-link and per-profile totals of one emailing (clicks, unique profiles or links, first and
 * last click). COUNT(DISTINCT …) over a million clicks takes seconds in SQL, far too slow for a
 * view that must answer in 100 ms, so the views read tables kept up to date by the sync:
 * page by page as clicks arrive (SummaryUpdater), or, after a bulk first load, recomputed in one
 * pass over the emailing's clicks (refreshSummaries).
 */
import type Database from 'better-sqlite3';
import type { InsertedClick } from '../db/clickWriter';

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

/** Recomputes both summaries of an emailing in one sequential pass over its clicks. */
export function refreshSummaries(db: Database.Database, emailingKey: number): void {
  const links = new Map<number | null, Totals>();
  const profiles = new Map<number | null, Totals>();
  // Distinct (link, profile) pairs, packed into one number: unique profiles per link and unique
  // links per profile both follow from them without a Set per link or per profile.
  const pairs = new Set<number>();
  const rows = db
    .prepare('SELECT link, profile, ts_local FROM clicks WHERE emailing_id = ?')
    .raw(true)
    .iterate(emailingKey) as IterableIterator<[number | null, number | null, number | null]>;
  for (const [link, profile, wall] of rows) {
    const forLink = link === null ? null : add(links, link, wall);
    const forProfile = add(profiles, profile, wall);
    if (link === null) continue;
    const pair = (profile ?? -1) * 2 ** 21 + link;
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    if (profile !== null && forLink) forLink.unique += 1;
    forProfile.unique += 1;
  }
  db.transaction(() => {
    db.prepare('DELETE FROM link_stats WHERE emailing_id = ?').run(emailingKey);
    db.prepare('DELETE FROM profile_stats WHERE emailing_id = ?').run(emailingKey);
    const insertLink = db.prepare(
      'INSERT INTO link_stats (emailing_id, link, clicks, unique_profiles, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const [link, t] of links) insertLink.run(emailingKey, link, t.clicks, t.unique, t.first, t.last);
    const insertProfile = db.prepare(
      'INSERT INTO profile_stats (emailing_id, profile, clicks, unique_links, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const [profile, t] of profiles)
      insertProfile.run(emailingKey, profile, t.clicks, t.unique, t.first, t.last);
  })();
  // Fresh statistics let the planner pick the right index for filtered grid queries.
  db.pragma('optimize');
}

/**
 * Adds the clicks a page brought to the summaries, inside the page's transaction. A (link,
 * profile) pair is new when all its clicks in the cache are the ones this page inserted.
 */
export class SummaryUpdater {
  private readonly countPair: Database.Statement;
  private readonly upsertLink: Database.Statement;
  private readonly updateProfile: Database.Statement;
  private readonly insertProfile: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly emailingKey: number,
  ) {
    this.countPair = db
      .prepare('SELECT COUNT(*) FROM clicks WHERE emailing_id = ? AND profile IS ? AND link IS ?')
      .pluck();
    this.upsertLink = db.prepare(
      `INSERT INTO link_stats (emailing_id, link, clicks, unique_profiles, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (emailing_id, link) DO UPDATE SET
         clicks = clicks + excluded.clicks,
         unique_profiles = unique_profiles + excluded.unique_profiles,
         first_ts = CASE WHEN first_ts IS NULL OR excluded.first_ts < first_ts THEN excluded.first_ts ELSE first_ts END,
         last_ts = CASE WHEN last_ts IS NULL OR excluded.last_ts > last_ts THEN excluded.last_ts ELSE last_ts END`,
    );
    this.updateProfile = db.prepare(
      `UPDATE profile_stats SET
         clicks = clicks + ?, unique_links = unique_links + ?,
         first_ts = CASE WHEN first_ts IS NULL OR ? < first_ts THEN ? ELSE first_ts END,
         last_ts = CASE WHEN last_ts IS NULL OR ? > last_ts THEN ? ELSE last_ts END
       WHERE emailing_id = ? AND profile IS ?`,
    );
    this.insertProfile = db.prepare(
      'INSERT INTO profile_stats (emailing_id, profile, clicks, unique_links, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  apply(clicks: readonly InsertedClick[]): void {
    if (clicks.length === 0) return;
    const pairs = new Map<string, { link: number | null; profile: number | null; n: number }>();
    const links = new Map<number | null, Totals>();
    const profiles = new Map<number | null, Totals>();
    for (const click of clicks) {
      const key = `${click.link}:${click.profile}`;
      const pair = pairs.get(key) ?? { link: click.link, profile: click.profile, n: 0 };
      pair.n += 1;
      pairs.set(key, pair);
      if (click.link !== null) add(links, click.link, click.wall);
      add(profiles, click.profile, click.wall);
    }
    for (const pair of pairs.values()) {
      if (pair.link === null) continue;
      const isNew = (this.countPair.get(this.emailingKey, pair.profile, pair.link) as number) === pair.n;
      if (!isNew) continue;
      if (pair.profile !== null) (links.get(pair.link) as Totals).unique += 1;
      (profiles.get(pair.profile) as Totals).unique += 1;
    }
    for (const [link, t] of links)
      this.upsertLink.run(this.emailingKey, link, t.clicks, t.unique, t.first, t.last);
    for (const [profile, t] of profiles) {
      const changed = this.updateProfile.run(
        t.clicks,
        t.unique,
        t.first,
        t.first,
        t.last,
        t.last,
        this.emailingKey,
        profile,
      );
      if (changed.changes === 0)
        this.insertProfile.run(this.emailingKey, profile, t.clicks, t.unique, t.first, t.last);
    }
  }
}
