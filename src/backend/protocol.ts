/**
 * The messages between the thread that hosts the backend (Electron's main process, the e2e
 * harness, the benchmark) and the backend worker. Internal: the renderer never sees these; it
 * speaks the contract, and the host translates.
 */
import { z } from 'zod';
import type { BackendMethodName, CachedEmailing, EventName } from '../shared/contract';
import type { ErrorCode } from '../shared/errors';
import type { Result } from '../shared/result';
import { type Account, apiVersion } from '../shared/schemas/accounts';
import { id } from '../shared/schemas/common';
import { ClientReportRequestSchema } from '../shared/schemas/report';
import type { SyncEmailingClicksResult } from './sync/syncEmailingClicks';
import {
  ExportReportRequestSchema,
  type ExportResult,
  type ExportViewRequest,
  ExportViewRequestSchema,
} from '../shared/schemas/export';

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
  /** Each emailing's run as syncEmailingClicks reports it, without how the run went about it. */
  emailings: SyncedEmailing[];
}

export type SyncedEmailing = Omit<SyncEmailingClicksResult, 'resumed' | 'incremental'>;

export interface WorkerConfig {
  databasePath: string;
  nativeBinding?: string;
  version: string;
  /**
   * Where the Copernica API lives, without the version: https://api.copernica.com. Tests and the
   * e2e harness point it at a fake server on loopback.
   */
  copernicaOrigin?: string;
  /** Least time between two progress events of one emailing or export, in ms (default 100). */
  progressIntervalMs?: number;
  /** The checkpoint thread's entry file (db/checkpointer.ts); without it the writer checkpoints. */
  checkpointWorker?: string;
}

/**
 * Methods only the host may call (never the renderer): they carry tokens or change who the
 * backend may talk to. Main calls them after it has checked the renderer's input; the worker
 * checks each input against these schemas again, so that no host can crash it with a bad one.
 */
export const internalInputs = {
  /** Tokens main decrypted from safeStorage, per account; null forgets one. Kept in worker memory only. */
  setCredentials: z.array(z.object({ accountId: id, token: z.string().nullable() }).strict()),
  /** Asks Copernica who the token belongs to (GET identity); refuses a bad token with invalid_token. */
  verifyToken: z.object({ apiVersion, token: z.string() }).strict(),
  createAccount: z
    .object({
      label: z.string(),
      apiVersion,
      timeZone: z.string(),
      remoteId: z.number().int(),
      remoteName: z.string(),
    })
    .strict(),
  updateAccount: z
    .object({
      id,
      label: z.string().optional(),
      apiVersion: apiVersion.optional(),
      timeZone: z.string().optional(),
      remoteId: z.number().int().optional(),
      remoteName: z.string().optional(),
    })
    .strict(),
  /** Deletes the account and everything cached for it. */
  deleteAccount: z.object({ id }).strict(),
  // Main's look-ups by ID (the account it answers addAccount with, the emailing an export is named after).
  /** One account as listAccounts shows it, by ID; not_found when it is gone. */
  getAccount: z.object({ id }).strict(),
  /** One emailing as listCachedEmailings shows it, by local key; null when the cache has no such emailing. */
  getCachedEmailing: z.object({ emailingKey: id }).strict(),
  /** Refreshes, in the background, tracked emailings older than this; then keeps an eye on the network. */
  startAutoRefresh: z.object({ refreshAfterMinutes: z.number().nonnegative() }).strict(),
  /**
   * Writes a view to the path the user chose in main's save dialog, on a read-only connection of
   * its own, with exportProgress events (phase `writing`) under `exportId`; answers when the file
   * is complete, or with `cancelled` (the host cancelled the request), `io_error`, `not_cached`…
   * (and no file).
   */
  exportView: z.object({ exportId: z.string().min(1), request: ExportViewRequestSchema }).strict(),
  /** The client report workbook of an emailing, the same way. */
  exportReport: z.object({ exportId: z.string().min(1), request: ExportReportRequestSchema }).strict(),
  /** The PDF of one emailing, or a comparison, the same way (backend/report/clientReport.ts). */
  exportClientReport: z.object({ exportId: z.string().min(1), request: ClientReportRequestSchema }).strict(),
} as const;

export type InternalMethodName = keyof typeof internalInputs;

export interface InternalMethods {
  setCredentials: { input: z.output<typeof internalInputs.setCredentials>; output: null };
  verifyToken: {
    input: z.output<typeof internalInputs.verifyToken>;
    output: { remoteId: number; remoteName: string };
  };
  createAccount: { input: z.output<typeof internalInputs.createAccount>; output: Account };
  updateAccount: { input: z.output<typeof internalInputs.updateAccount>; output: Account };
  deleteAccount: { input: z.output<typeof internalInputs.deleteAccount>; output: null };
  getAccount: { input: z.output<typeof internalInputs.getAccount>; output: Account };
  getCachedEmailing: {
    input: z.output<typeof internalInputs.getCachedEmailing>;
    output: CachedEmailing | null;
  };
  startAutoRefresh: { input: z.output<typeof internalInputs.startAutoRefresh>; output: null };
  exportView: { input: { exportId: string; request: ExportViewRequest }; output: ExportResult };
  exportReport: { input: z.output<typeof internalInputs.exportReport>; output: ExportResult };
  exportClientReport: { input: z.output<typeof internalInputs.exportClientReport>; output: ExportResult };
}
export type ExportInternalMethodName = 'exportView' | 'exportReport' | 'exportClientReport';

const requestId = z.number().int().nonnegative();

/**
 * What the host may send. Inputs of contract and internal methods are checked per method when
 * they are handled (a bad one is that call's invalid_input answer); this checks the envelope.
 */
export const HostToWorkerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), id: requestId, method: z.string(), input: z.unknown() }),
  z.object({
    kind: z.literal('sync'),
    id: requestId,
    request: z
      .object({
        apiBase: z.string().min(1),
        token: z.string(),
        emailingIds: z.array(id),
        timeZone: z.string().optional(),
      })
      .strict(),
  }),
  z.object({ kind: z.literal('internal'), id: requestId, method: z.string(), input: z.unknown() }),
  /** Aborts the AbortSignal handed to the handler of request `id`; a finished one is ignored. */
  z.object({ kind: z.literal('cancel'), id: requestId }),
  z.object({ kind: z.literal('close') }),
]);

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
  | { kind: 'event'; name: EventName; payload: unknown }
  /** Something unexpected in the worker, for main's log: the message and the stack. */
  | { kind: 'log'; level: 'warn' | 'error'; message: string; details: string };
