/**
 * The messages between the thread that hosts the backend (Electron's main process, the e2e
 * harness, the benchmark) and the backend worker. Internal: the renderer never sees these; it
 * speaks the contract, and the host translates.
 */
import type { BackendMethodName, EventName } from '../shared/contract';
import type { Result } from '../shared/result';

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
    pages: number;
    total: number | null;
    cachedRows: number;
  }[];
}

export interface WorkerConfig {
  databasePath: string;
  nativeBinding?: string;
  version: string;
}

export type HostToWorker =
  | { kind: 'call'; id: number; method: BackendMethodName; input: unknown }
  | { kind: 'sync'; id: number; request: SyncRequest }
  | { kind: 'cancel'; id: number }
  | { kind: 'close' };

export type WorkerToHost =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };
