import type Database from 'better-sqlite3';

export interface SyncStateRow {
  emailingId: number;
  watermark: string | null;
  runSince: string | null;
  runNextStart: number | null;
  runMaxTs: string | null;
  rows: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  /** Clicks refused as invalid over all of this emailing's syncs (migration 4). */
  rejected: number;
}

/**
 * The sync bookkeeping of one emailing; every statement is prepared once per sync, and each is
 * a lookup of sync_state's INTEGER PRIMARY KEY (SEARCH sync_state USING INTEGER PRIMARY KEY).
 */
export class SyncStateStore {
  private readonly select: Database.Statement<[number], SyncStateRow>;
  private readonly ensure: Database.Statement<[number]>;
  private readonly begin: Database.Statement;
  private readonly advance: Database.Statement;
  private readonly finish: Database.Statement;
  private readonly failure: Database.Statement;
  private readonly reject: Database.Statement;
  private readonly stale: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare(
      `SELECT emailing_id AS emailingId, watermark, run_since AS runSince, run_next_start AS runNextStart,
              run_max_ts AS runMaxTs, rows, last_success_at AS lastSuccessAt, last_error AS lastError,
              last_error_code AS lastErrorCode, rejected
         FROM sync_state WHERE emailing_id = ?`,
    );
    this.ensure = db.prepare('INSERT INTO sync_state (emailing_id) VALUES (?) ON CONFLICT DO NOTHING');
    this.begin = db.prepare(
      `UPDATE sync_state SET run_since = ?, run_next_start = 0, run_max_ts = NULL, run_started_at = ?
        WHERE emailing_id = ?`,
    );
    this.advance = db.prepare(
      `UPDATE sync_state
          SET run_next_start = ?, rows = rows + ?,
              run_max_ts = CASE WHEN run_max_ts IS NULL OR run_max_ts < ? THEN ? ELSE run_max_ts END
        WHERE emailing_id = ?`,
    );
    this.finish = db.prepare(
      `UPDATE sync_state
          SET watermark = CASE WHEN watermark IS NULL OR watermark < run_max_ts THEN run_max_ts ELSE watermark END,
              run_since = NULL, run_next_start = NULL, run_max_ts = NULL, run_started_at = NULL,
              last_success_at = ?, last_error = NULL, last_error_code = NULL, last_error_at = NULL
        WHERE emailing_id = ?`,
    );
    this.failure = db.prepare(
      `UPDATE sync_state SET last_error = ?, last_error_code = ?, last_error_at = ? WHERE emailing_id = ?`,
    );
    this.reject = db.prepare('UPDATE sync_state SET rejected = rejected + ? WHERE emailing_id = ?');
    this.stale = db.prepare('UPDATE sync_state SET summaries_stale = 1 WHERE emailing_id = ?');
  }

  get(emailingKey: number): SyncStateRow {
    this.ensure.run(emailingKey);
    return this.select.get(emailingKey) as SyncStateRow;
  }

  beginRun(emailingKey: number, since: string | null, now: Date): void {
    this.begin.run(since, now.toISOString(), emailingKey);
  }

  /** Called inside the transaction that wrote the page, so progress and rows commit together. */
  advanceRun(emailingKey: number, nextStart: number, inserted: number, maxTimestamp: string | null): void {
    this.advance.run(nextStart, inserted, maxTimestamp, maxTimestamp, emailingKey);
  }

  /** Counts refused clicks; called in the transaction that wrote their page, like advanceRun. */
  addRejected(emailingKey: number, clicks: number): void {
    this.reject.run(clicks, emailingKey);
  }

  /**
   * Inside the transaction of a page written without updating the summaries: they stay marked
   * until refreshSummaries rebuilds them (views/summaryTables.ts).
   */
  markSummariesStale(emailingKey: number): void {
    this.stale.run(emailingKey);
  }

  finishRun(emailingKey: number, now: Date): void {
    this.finish.run(now.toISOString(), emailingKey);
  }

  recordFailure(emailingKey: number, message: string, code: string, now: Date): void {
    this.failure.run(message, code, now.toISOString(), emailingKey);
  }

  /** See migration 3: whether click times never go back as click IDs go up. */
  setTimeFollowsId(emailingKey: number, follows: boolean): void {
    this.db
      .prepare('UPDATE sync_state SET time_follows_id = ? WHERE emailing_id = ?')
      .run(follows ? 1 : 0, emailingKey);
  }

  timeFollowsId(emailingKey: number): boolean | null {
    const value = this.db
      .prepare('SELECT time_follows_id FROM sync_state WHERE emailing_id = ?')
      .pluck()
      .get(emailingKey);
    return value === null || value === undefined ? null : value === 1;
  }
}
