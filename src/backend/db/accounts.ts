import type Database from 'better-sqlite3';
import type { StoredTokenStatus } from '../../shared/schemas/accounts';

export interface AccountRow {
  id: number;
  label: string;
  apiBase: string;
  remoteId: number | null;
  timeZone: string;
  tokenStatus: StoredTokenStatus;
}

const columns = `id, label, api_base AS apiBase, remote_id AS remoteId, time_zone AS timeZone, token_status AS tokenStatus`;

export function findAccountByRemote(
  db: Database.Database,
  apiBase: string,
  remoteId: number,
): AccountRow | null {
  return (
    (db
      .prepare(`SELECT ${columns} FROM accounts WHERE api_base = ? AND remote_id = ?`)
      .get(apiBase, remoteId) as AccountRow | undefined) ?? null
  );
}

export function getAccount(db: Database.Database, id: number): AccountRow | null {
  return (
    (db.prepare(`SELECT ${columns} FROM accounts WHERE id = ?`).get(id) as AccountRow | undefined) ?? null
  );
}

/** The account for this API base and Copernica account ID, created on first sight. */
export function upsertAccount(
  db: Database.Database,
  account: { label: string; apiBase: string; remoteId: number; timeZone?: string },
  now: Date,
): AccountRow {
  const existing = findAccountByRemote(db, account.apiBase, account.remoteId);
  if (existing) {
    db.prepare(`UPDATE accounts SET label = ?, token_status = 'ok' WHERE id = ?`).run(
      account.label,
      existing.id,
    );
    return { ...existing, label: account.label, tokenStatus: 'ok' };
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO accounts (label, api_base, remote_id, time_zone, created_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(
        account.label,
        account.apiBase,
        account.remoteId,
        account.timeZone ?? 'Europe/Amsterdam',
        now.toISOString(),
      ).lastInsertRowid,
  );
  return getAccount(db, id) as AccountRow;
}

export function markTokenRejected(db: Database.Database, accountId: number): void {
  db.prepare(`UPDATE accounts SET token_status = 'rejected' WHERE id = ?`).run(accountId);
}
