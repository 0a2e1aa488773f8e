/**
 * The messages between the thread that hosts the backend (Electron's main process, the e2e
 * harness, the benchmark) and the backend worker. Internal: the renderer never sees these; it
 * speaks the contract, and the host translates.
 */
import type { BackendMethodName, CachedEmailing, EventName } from '../shared/contract';
import type { ErrorCode } from '../shared/errors';
import type { Result } from '../shared/result';
import type { Account, ApiVersion } from '../shared/schemas/accounts';
import type { ExportReportRequest, ExportResult, ExportViewRequest } from '../shared/schemas/export';

/** A sync as the host asks for it. The token travels host → worker only, never to a renderer. */
export interface SyncRequest {
  apiBase: string;
  token: string;
  emailingIds: number[];
  timeZone?: string;
}

export interface SyncSummary {
  accountId: number;
  accountLabel: string;
  emailings: {
    emailingKey: number;
    emailingId: number;
    inserted: number;
    fetched: number;
    /** Clicks refused as invalid and not stored (see SyncEmailingClicksResult.rejected). */
    rejected: number;
    pages: number;
    total: number | null;
    cachedRows: number;
  }[];
}

export interface WorkerConfig {
  databasePath: string;
  nativeBinding?: string;
  version: string;
  /**
   * Where the Copernica API lives, without the version: https://api.copernica.com. Tests and the
   * e2e harness point it at a fake server on loopback.
   */
  copernicaOrigin?: string;
}

/**
 * Methods only the host may call (never the renderer): they carry tokens or change who the
 * backend may talk to. Main calls them after it has checked the renderer's input.
 */
export interface InternalMethods {
  /** Tokens main decrypted from safeStorage, per account; null forgets one. Kept in worker memory only. */
  setCredentials: { input: { accountId: number; token: string | null }[]; output: null };
  /** Asks Copernica who the token belongs to (GET identity); refuses a bad token with invalid_token. */
  verifyToken: {
    input: { apiVersion: ApiVersion; token: string };
    output: { remoteId: number; remoteName: string };
  };
  createAccount: {
    input: { label: string; apiVersion: ApiVersion; timeZone: string; remoteId: number; remoteName: string };
    output: Account;
  };
  updateAccount: {
    input: {
      id: number;
      label?: string;
      apiVersion?: ApiVersion;
      timeZone?: string;
      remoteId?: number;
      remoteName?: string;
    };
    output: Account;
  };
  // Main's look-ups by ID (the account it answers addAccount with, the emailing an export is named after).
  /** One account as listAccounts shows it, by ID; not_found when it is gone. */
  getAccount: { input: { id: number }; output: Account };
  /** One emailing as listCachedEmailings shows it, by local key; null when the cache has no such emailing. */
  getCachedEmailing: { input: { emailingKey: number }; output: CachedEmailing | null };
  /** Deletes the account and everything cached for it. */
  deleteAccount: { input: { id: number }; output: null };
  /** Refreshes, in the background, tracked emailings older than this; then keeps an eye on the network. */
  startAutoRefresh: { input: { refreshAfterMinutes: number }; output: null };
  /**
   * Writes a view to the path the user chose in main's save dialog, on a read-only connection of
   * its own, with exportProgress events (phase `writing`) under `exportId`; answers when the file
   * is complete, or with `cancelled`, `io_error`, `not_cached`… (and no file).
   */
  exportView: { input: { exportId: string; request: ExportViewRequest }; output: ExportResult };
  /** The client report workbook of an emailing, the same way. */
  exportReport: { input: { exportId: string; request: ExportReportRequest }; output: ExportResult };
  /** Stops a running export at its next chunk; unknown or finished exports are ignored. */
  cancelExport: { input: { exportId: string }; output: null };
}
export type ExportInternalMethodName = 'exportView' | 'exportReport' | 'cancelExport';
export type InternalMethodName = keyof InternalMethods;

export type HostToWorker =
  | { kind: 'call'; id: number; method: BackendMethodName; input: unknown }
  | { kind: 'sync'; id: number; request: SyncRequest }
  | { kind: 'internal'; id: number; method: InternalMethodName; input: unknown }
  | { kind: 'cancel'; id: number }
  | { kind: 'close' };

export type WorkerToHost =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string; code?: ErrorCode }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };
