/**
 * What every part of the backend is handed: the one SQLite connection, the clock, the event
 * emitter and the settings the host started the worker with. Parts take it as an argument, so
 * tests can build one around an in-memory database.
 */
import type { EventName, EventPayload } from '../shared/contract';
import type { CacheDatabase } from './db/open';
import type { HttpGet } from './copernica/httpGet';

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface BackendContext {
  db: CacheDatabase;
  databasePath: string;
  version: string;
  /** Copernica's origin without the API version, e.g. https://api.copernica.com. */
  copernicaOrigin: string;
  emit: Emit;
  /** Something unexpected, with its stack, for the host's log (main.log in the app). */
  logError: (message: string, error: unknown) => void;
  now: () => Date;
  /** How HTTP GETs are made; tests may inject one. */
  fetch?: HttpGet;
}
