/**
 * The SQL behind the app's accounts: the Account shape the renderer sees, creating, editing and
 * deleting (with every row cached for the account). Tokens are never here: the worker keeps
 * them in memory (credentials.ts), main keeps them encrypted.
 */
import type Database from 'better-sqlite3';
import type { Account, ApiVersion, StoredTokenStatus } from '../../shared/schemas/accounts';
import { AppError } from '../../shared/errors';
import { eraseEmailingClicks, type OnRemovalProgress } from '../db/erase';
import { ZoneConverter } from '../../shared/wallClock';
import { writeTransaction } from '../db/writeTransaction';
import { apiVersionOfBase } from '../copernica/productPaths';

/** What the worker needs to talk to Copernica for an account. */
export interface AccountTarget {
  id: number;
  label: string;
  apiBase: string;
  apiVersion: ApiVersion;
  remoteId: number | null;
  timeZone: string;
  tokenStatus: StoredTokenStatus;
  isDemo: boolean;
}

/** The API base stored for demo accounts: the embedded fake server's address changes per run. */
export const DEMO_API_BASE = 'demo';

interface AccountSqlRow extends Omit<Account, 'tokenStatus' | 'isDemo'> {
  tokenStatus: StoredTokenStatus;
  isDemo: number;
}

const accountSelect = `
  SELECT a.id, a.label, a.api_version AS apiVersion, a.time_zone AS timeZone, a.token_status AS tokenStatus,
         a.is_demo AS isDemo, a.remote_name AS remoteName,
         (SELECT COUNT(*) FROM emailings e WHERE e.account_id = a.id) AS emailingCount,
         (SELECT COUNT(*) FROM emailings e WHERE e.account_id = a.id AND e.tracked = 1) AS trackedCount,
         (SELECT MAX(s.last_success_at) FROM emailings e JOIN sync_state s ON s.emailing_id = e.id
           WHERE e.account_id = a.id) AS lastRefreshedAt
    FROM accounts a`;

export class AccountStore {
  constructor(private readonly db: Database.Database) {}

  /** The accounts as the renderer sees them; `hasToken` says which have a token in memory. */
  list(hasToken: (accountId: number) => boolean): Account[] {
    const rows = this.db.prepare(`${accountSelect} ORDER BY a.is_demo, a.label COLLATE NOCASE, a.id`).all();
    return (rows as AccountSqlRow[]).map((row) => toAccount(row, hasToken));
  }

  account(id: number, hasToken: (accountId: number) => boolean): Account {
    const row = this.db.prepare(`${accountSelect} WHERE a.id = ?`).get(id) as AccountSqlRow | undefined;
    if (!row) throw new AppError('not_found', 'That account no longer exists.');
    return toAccount(row, hasToken);
  }

  target(id: number): AccountTarget {
    const row = this.db
      .prepare(
        `SELECT id, label, api_base AS apiBase, api_version AS apiVersion, remote_id AS remoteId,
                time_zone AS timeZone, token_status AS tokenStatus, is_demo AS isDemo
           FROM accounts WHERE id = ?`,
      )
      .get(id) as (Omit<AccountTarget, 'isDemo'> & { isDemo: number }) | undefined;
    if (!row) throw new AppError('not_found', 'That account no longer exists.');
    return { ...row, isDemo: row.isDemo === 1 };
  }

  findByRemote(apiBase: string, remoteId: number): AccountTarget | null {
    const row = this.db
      .prepare('SELECT id FROM accounts WHERE api_base = ? AND remote_id = ?')
      .get(apiBase, remoteId) as { id: number } | undefined;
    return row ? this.target(row.id) : null;
  }

  /**
   * The CLI's sync: the account for this API base and Copernica account ID, created on first
   * sight (its API version is the base's last segment) and renamed as Copernica names it now. A
   * token that just listed the emailings works, so the account is usable again.
   */
  upsertByRemote(
    account: { label: string; apiBase: string; remoteId: number; timeZone?: string | undefined },
    now: Date,
  ): AccountTarget {
    const existing = this.findByRemote(account.apiBase, account.remoteId);
    if (existing) {
      this.db
        .prepare(`UPDATE accounts SET label = ?, remote_name = ?, token_status = 'ok' WHERE id = ?`)
        .run(account.label, account.label, existing.id);
      return this.target(existing.id);
    }
    const id = this.insert(
      {
        label: account.label,
        apiBase: account.apiBase,
        apiVersion: apiVersionOfBase(account.apiBase),
        timeZone: account.timeZone ?? 'Europe/Amsterdam',
        remoteId: account.remoteId,
        remoteName: account.label,
      },
      now,
    );
    return this.target(id);
  }

  findDemo(): number | null {
    const row = this.db.prepare('SELECT id FROM accounts WHERE is_demo = 1 ORDER BY id LIMIT 1').get() as
      { id: number } | undefined;
    return row?.id ?? null;
  }

  insert(
    account: {
      label: string;
      apiBase: string;
      apiVersion: ApiVersion;
      timeZone: string;
      remoteId: number;
      remoteName: string;
      isDemo?: boolean;
    },
    now: Date,
  ): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO accounts (label, api_base, api_version, remote_id, remote_name, time_zone, is_demo, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          account.label,
          account.apiBase,
          account.apiVersion,
          account.remoteId,
          account.remoteName,
          account.timeZone,
          account.isDemo ? 1 : 0,
          now.toISOString(),
        ).lastInsertRowid,
    );
  }

  /**
   * Applies an edit. A remote identity means the token was just verified: the account is usable
   * again. A new time zone recomputes the UTC instant of every cached click of the account.
   */
  update(
    id: number,
    change: {
      label?: string;
      apiVersion?: ApiVersion;
      timeZone?: string;
      remoteId?: number;
      remoteName?: string;
    },
  ): void {
    const current = this.target(id);
    if (change.remoteId !== undefined && current.remoteId !== null && change.remoteId !== current.remoteId) {
      throw new AppError(
        'invalid_input',
        `That access token belongs to another Copernica account (${change.remoteName ?? change.remoteId}). Add it as a new account instead.`,
      );
    }
    const apiVersion = change.apiVersion ?? current.apiVersion;
    const apiBase = current.isDemo ? current.apiBase : current.apiBase.replace(/\/v[234]$/, `/${apiVersion}`);
    const remoteId = change.remoteId ?? current.remoteId;
    if (apiBase !== current.apiBase && remoteId !== null) {
      const clash = this.findByRemote(apiBase, remoteId);
      if (clash && clash.id !== id) {
        throw new AppError(
          'invalid_input',
          `This Copernica account is already in the app as "${clash.label}".`,
        );
      }
    }
    writeTransaction(this.db, () => {
      this.db
        .prepare(
          `UPDATE accounts
              SET label = ?, api_version = ?, api_base = ?, time_zone = ?, remote_id = ?,
                  remote_name = COALESCE(?, remote_name),
                  token_status = CASE WHEN ? THEN 'ok' ELSE token_status END
            WHERE id = ?`,
        )
        .run(
          change.label ?? current.label,
          apiVersion,
          apiBase,
          change.timeZone ?? current.timeZone,
          remoteId,
          change.remoteName ?? null,
          change.remoteId !== undefined ? 1 : 0,
          id,
        );
      if (change.timeZone !== undefined && change.timeZone !== current.timeZone) {
        this.recomputeInstants(id, change.timeZone);
      }
    });
  }

  markRejected(id: number): void {
    this.db.prepare(`UPDATE accounts SET token_status = 'rejected' WHERE id = ?`).run(id);
  }

  /**
   * The account and everything cached for it, leaving no trace in the file (db/erase.ts). Clicks
   * have no foreign key (speed), so they go first; emailings, links, summaries, sync state and
   * profiles go by cascade; then the texts only this account's clicks used, then compaction.
   */
  delete(id: number, onProgress: OnRemovalProgress = () => undefined): void {
    eraseEmailingClicks(
      this.db,
      () =>
        this.db
          .prepare('SELECT id FROM emailings WHERE account_id = ? ORDER BY id')
          .pluck()
          .all(id) as number[],
      () => {
        const { changes } = this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
        if (changes === 0) throw new AppError('not_found', 'That account no longer exists.');
      },
      onProgress,
    );
  }

  private recomputeInstants(accountId: number, timeZone: string): void {
    const zone = new ZoneConverter(timeZone);
    this.db.function('cc_wall_to_utc', { deterministic: true }, (wall: unknown) =>
      typeof wall === 'number' ? zone.toUtc(wall) : null,
    );
    this.db
      .prepare(
        `UPDATE clicks SET ts_utc = cc_wall_to_utc(ts_local)
          WHERE emailing_id IN (SELECT id FROM emailings WHERE account_id = ?) AND ts_local IS NOT NULL`,
      )
      .run(accountId);
  }
}

function toAccount(row: AccountSqlRow, hasToken: (accountId: number) => boolean): Account {
  const isDemo = row.isDemo === 1;
  const tokenStatus =
    row.tokenStatus === 'rejected' ? 'rejected' : isDemo || hasToken(row.id) ? 'ok' : 'missing';
  return { ...row, isDemo, tokenStatus };
}
