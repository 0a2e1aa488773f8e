/**
 * The SQL behind an account's emailing list: storing what the list call returned, searching it,
 * tracking, the cached emailings as the CLI and exports name them, and the sync bookkeeping the
 * queue needs around syncEmailingClicks.
 */
import type Database from 'better-sqlite3';
import type { CachedEmailing } from '../../shared/contract';
import type { EmailingListItem } from '../../shared/schemas/emailings';
import type { Product } from '../../shared/schemas/product';
import { AppError } from '../../shared/errors';
import { eraseEmailingClicks, type OnRemovalProgress } from '../db/erase';
import type { PublisherEmailing } from '../copernica/types';
import { writeTransaction } from '../db/writeTransaction';

export interface EmailingTarget {
  key: number;
  accountId: number;
  product: Product;
  emailingId: number;
}

const cachedEmailingSelect = `
  SELECT e.id AS key, e.account_id AS accountId, a.label AS accountLabel, e.product, e.remote_id AS emailingId,
         e.subject, e.sent_at AS sentAt, COALESCE(s.rows, 0) AS clickCount,
         s.last_success_at AS lastRefreshedAt, s.last_error AS lastError
    FROM emailings e
    JOIN accounts a ON a.id = e.account_id
    LEFT JOIN sync_state s ON s.emailing_id = e.id`;

type ListRow = Omit<EmailingListItem, 'tracked' | 'syncing'> & { tracked: number };

export class EmailingStore {
  private upsertStatement: Database.Statement | undefined;

  constructor(private readonly db: Database.Database) {}

  /**
   * Stores the whole list of one product in one transaction; emailings that vanished from
   * Copernica keep their cache.
   */
  storeList(
    accountId: number,
    emailings: readonly PublisherEmailing[],
    now: Date,
    product: Product = 'publisher',
  ): void {
    writeTransaction(this.db, () => {
      for (const e of emailings) this.upsert(accountId, e, now, product, { listed: true });
    });
  }

  /**
   * Stores what Copernica says about one emailing and returns its local key. `listed` says it
   * came with the emailing list (the app's list); the CLI's sync names emailings one by one.
   */
  upsert(
    accountId: number,
    emailing: PublisherEmailing,
    now: Date,
    product: Product = 'publisher',
    { listed = false }: { listed?: boolean } = {},
  ): number {
    const at = now.toISOString();
    // Prepared once: a list of thousands of emailings runs it thousands of times.
    this.upsertStatement ??= this.db.prepare(
      `INSERT INTO emailings (account_id, product, remote_id, subject, sent_at, destinations, reported_clicks, impressions, fetched_at, listed_at, target_database)
         VALUES (@accountId, @product, @remoteId, @subject, @sentAt, @destinations, @clicks, @impressions, @at, @listedAt, @targetDatabase)
         ON CONFLICT (account_id, product, remote_id) DO UPDATE SET
           subject = excluded.subject, sent_at = excluded.sent_at, destinations = excluded.destinations,
           reported_clicks = excluded.reported_clicks, impressions = excluded.impressions,
           fetched_at = excluded.fetched_at, listed_at = COALESCE(excluded.listed_at, listed_at),
           target_database = COALESCE(excluded.target_database, emailings.target_database)`,
    );
    this.upsertStatement.run({
      accountId,
      product,
      remoteId: emailing.id,
      subject: emailing.subject,
      sentAt: emailing.timestamp,
      destinations: emailing.destinations,
      clicks: emailing.clicks,
      impressions: emailing.impressions,
      at,
      listedAt: listed ? at : null,
      // The database the emailing went to (Copernica's `target`), which the profile fetch reads.
      targetDatabase: emailing.targetDatabase ?? null,
    });
    return this.db
      .prepare('SELECT id FROM emailings WHERE account_id = ? AND product = ? AND remote_id = ?')
      .pluck()
      .get(accountId, product, emailing.id) as number;
  }

  /** Every cached emailing of every account, as the CLI and the export dialog list them. */
  cachedAll(): CachedEmailing[] {
    return this.db
      .prepare(`${cachedEmailingSelect} ORDER BY a.label, e.sent_at DESC, e.remote_id DESC`)
      .all() as CachedEmailing[];
  }

  /** One emailing as cachedAll shows it; null when the cache has none with that key. */
  cached(key: number): CachedEmailing | null {
    return (
      (this.db.prepare(`${cachedEmailingSelect} WHERE e.id = ?`).get(key) as CachedEmailing | undefined) ??
      null
    );
  }

  list(
    query: {
      accountId: number;
      search?: string | undefined;
      trackedOnly?: boolean | undefined;
      product?: Product | undefined;
    },
    isSyncing: (key: number) => boolean,
  ): EmailingListItem[] {
    const where = ['e.account_id = @accountId'];
    const params: Record<string, unknown> = { accountId: query.accountId };
    if (query.trackedOnly) where.push('e.tracked = 1');
    if (query.product) {
      where.push('e.product = @product');
      params.product = query.product;
    }
    const search = query.search?.trim() ?? '';
    if (search !== '') {
      // LIKE with our own escape character, so % and _ in a subject search match literally.
      params.pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.idPrefix = /^\d+$/.test(search) ? `${search}%` : null;
      where.push(
        `(e.subject LIKE @pattern ESCAPE '\\' OR (@idPrefix IS NOT NULL AND CAST(e.remote_id AS TEXT) LIKE @idPrefix))`,
      );
    }
    const rows = this.db
      .prepare(
        `SELECT e.id AS key, e.account_id AS accountId, e.product, e.remote_id AS emailingId, e.subject, e.sent_at AS sentAt,
                e.destinations, e.reported_clicks AS reportedClicks, e.impressions, e.tracked,
                COALESCE(s.rows, 0) AS clickCount, s.last_success_at AS lastRefreshedAt, s.last_error AS lastError,
                s.last_error_code AS lastErrorCode, COALESCE(s.rejected, 0) AS rejectedClicks
           FROM emailings e LEFT JOIN sync_state s ON s.emailing_id = e.id
          WHERE ${where.join(' AND ')}
          ORDER BY e.sent_at IS NULL, e.sent_at DESC, e.remote_id DESC, e.product DESC`,
      )
      .all(params) as ListRow[];
    return rows.map((row) => ({ ...row, tracked: row.tracked === 1, syncing: isSyncing(row.key) }));
  }

  setTracked(key: number, tracked: boolean): void {
    const { changes } = this.db
      .prepare('UPDATE emailings SET tracked = ? WHERE id = ?')
      .run(tracked ? 1 : 0, key);
    if (changes === 0) throw new AppError('not_found', 'That emailing is not in the cache.');
  }

  /**
   * Removes what is cached of one emailing's clicks, leaving no trace in the file (db/erase.ts):
   * clicks, links, summaries, sync state, the account's profiles and subprofiles no remaining
   * click refers to, and orphaned texts. The emailing stays listed but untracked, so the next
   * refresh at launch does not fetch it straight back; tracking or syncing it fetches it again.
   */
  removeCachedClicks(key: number, onProgress: OnRemovalProgress = () => undefined): void {
    const target = this.target(key);
    if (!target) throw new AppError('not_found', 'That emailing is not in the cache.');
    eraseEmailingClicks(
      this.db,
      () => [key],
      () => {
        for (const table of [
          'links',
          'link_stats',
          'profile_stats',
          'link_profiles',
          'destination_links',
          'click_figures',
          'sync_state',
          'bot_clicks',
          'verdict_state',
          'click_tallies',
          'destination_tallies',
          'profile_fetch_state',
        ]) {
          this.db.prepare(`DELETE FROM ${table} WHERE emailing_id = ?`).run(key);
        }
        this.db.prepare('UPDATE emailings SET tracked = 0 WHERE id = ?').run(key);
        for (const [table, column] of [
          ['profiles', 'profile'],
          ['subprofiles', 'subprofile'],
        ] as const) {
          // One index seek (clicks_by_profile, clicks_by_subprofile) per cached profile and emailing.
          this.db
            .prepare(
              `DELETE FROM ${table}
              WHERE account_id = @accountId
                AND NOT EXISTS (SELECT 1 FROM emailings e JOIN clicks c ON c.emailing_id = e.id
                                 WHERE e.account_id = @accountId AND c.${column} = ${table}.id)`,
            )
            .run({ accountId: target.accountId });
        }
      },
      onProgress,
    );
  }

  target(key: number): EmailingTarget | null {
    return (
      (this.db
        .prepare(
          'SELECT id AS key, account_id AS accountId, product, remote_id AS emailingId FROM emailings WHERE id = ?',
        )
        .get(key) as EmailingTarget | undefined) ?? null
    );
  }

  keysOfAccount(accountId: number): number[] {
    return this.column('SELECT id FROM emailings WHERE account_id = ? ORDER BY id', accountId);
  }

  trackedKeys(accountId?: number): number[] {
    return accountId === undefined
      ? this.column('SELECT id FROM emailings WHERE tracked = 1 ORDER BY account_id, sent_at DESC')
      : this.column(
          'SELECT id FROM emailings WHERE tracked = 1 AND account_id = ? ORDER BY sent_at DESC',
          accountId,
        );
  }

  /** Tracked emailings never refreshed, or last refreshed before `cutoff`. */
  staleTrackedKeys(cutoff: Date): number[] {
    return this.column(
      `SELECT e.id FROM emailings e LEFT JOIN sync_state s ON s.emailing_id = e.id
        WHERE e.tracked = 1 AND (s.last_success_at IS NULL OR s.last_success_at < ?)
        ORDER BY e.account_id, e.sent_at DESC`,
      cutoff.toISOString(),
    );
  }

  hasSucceeded(key: number): boolean {
    const row = this.db
      .prepare('SELECT last_success_at AS at FROM sync_state WHERE emailing_id = ?')
      .get(key) as { at: string | null } | undefined;
    return row?.at != null;
  }

  private column(sql: string, ...params: unknown[]): number[] {
    return (
      this.db
        .prepare(sql)
        .pluck()
        .all(...params) as number[]
    ).map(Number);
  }
}
