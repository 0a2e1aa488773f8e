import type Database from 'better-sqlite3';
import type { CachedEmailing } from '../../shared/contract';
import type { Product } from '../../shared/schemas/product';
import type { PublisherEmailing } from '../copernica/types';

/** Stores what Copernica says about an emailing of one product and returns its local key. */
export function upsertEmailing(
  db: Database.Database,
  accountId: number,
  emailing: PublisherEmailing,
  now: Date,
  product: Product = 'publisher',
): number {
  db.prepare(
    `INSERT INTO emailings (account_id, product, remote_id, subject, sent_at, destinations, reported_clicks, impressions, fetched_at, target_database)
     VALUES (@accountId, @product, @remoteId, @subject, @sentAt, @destinations, @clicks, @impressions, @fetchedAt, @targetDatabase)
     ON CONFLICT (account_id, product, remote_id) DO UPDATE SET
       subject = excluded.subject, sent_at = excluded.sent_at, destinations = excluded.destinations,
       reported_clicks = excluded.reported_clicks, impressions = excluded.impressions, fetched_at = excluded.fetched_at,
       target_database = COALESCE(excluded.target_database, emailings.target_database)`,
  ).run({
    accountId,
    product,
    remoteId: emailing.id,
    subject: emailing.subject,
    sentAt: emailing.timestamp,
    destinations: emailing.destinations,
    clicks: emailing.clicks,
    impressions: emailing.impressions,
    fetchedAt: now.toISOString(),
    targetDatabase: emailing.targetDatabase ?? null,
  });
  const row = db
    .prepare('SELECT id FROM emailings WHERE account_id = ? AND product = ? AND remote_id = ?')
    .get(accountId, product, emailing.id) as { id: number };
  return row.id;
}

const cachedEmailingSelect = `
  SELECT e.id AS key, e.account_id AS accountId, a.label AS accountLabel, e.product, e.remote_id AS emailingId,
         e.subject, e.sent_at AS sentAt, COALESCE(s.rows, 0) AS clickCount,
         s.last_success_at AS lastRefreshedAt, s.last_error AS lastError
    FROM emailings e
    JOIN accounts a ON a.id = e.account_id
    LEFT JOIN sync_state s ON s.emailing_id = e.id`;

export function listCachedEmailings(db: Database.Database): CachedEmailing[] {
  return db
    .prepare(`${cachedEmailingSelect} ORDER BY a.label, e.sent_at DESC, e.remote_id DESC`)
    .all() as CachedEmailing[];
}

/** One emailing as listCachedEmailings shows it; null when the cache has none with that key. */
export function getCachedEmailing(db: Database.Database, key: number): CachedEmailing | null {
  return (
    (db.prepare(`${cachedEmailingSelect} WHERE e.id = ?`).get(key) as CachedEmailing | undefined) ?? null
  );
}
