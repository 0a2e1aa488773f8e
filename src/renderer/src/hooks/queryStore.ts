/**
 * What one question to the backend has answered so far, held by the component that asks it: the
 * data, why the last load failed (the contract's error: code and message), and whether a load the
 * user waits for is running. Loads overlap (a new question, Try again, a burst of cache events);
 * only the answer to the newest request lands, so a slow answer to an older question never
 * overwrites a newer one. Free of React, so that these rules are tested as plain code; `useQuery`
 * is the hook over it.
 */
import { type AppErrorShape, toErrorShape } from '../../../shared/errors';

export interface QueryState<T> {
  /** The question `data` and `error` answer; null until the first answer. */
  key: string | null;
  /** The last answer to that question; kept when a later load of the same question fails. */
  data: T | null;
  /** Why the last load of that question failed, if it did. */
  error: AppErrorShape | null;
  /** A load the user waits for (the first one, Try again) is running; a refetch on an event is not. */
  loading: boolean;
}

/** What a view shows for the question it asks now. */
export interface QueryResult<T> {
  data: T | null;
  error: AppErrorShape | null;
  loading: boolean;
}

/** How a store hears that its answer may be out of date (the bridge's cache-changed events). */
export type Subscribe = (listener: () => void) => () => void;

export class QueryStore<T> {
  private state: QueryState<T> = { key: null, data: null, error: null, loading: true };
  private readonly listeners = new Set<() => void>();
  /** The ticket of the newest request; an answer with another ticket is stale. */
  private newest = 0;
  private asked: { key: string; load: () => Promise<T> } | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): QueryState<T> => this.state;

  /**
   * Asks `load` for `key` now, and again on every event of `refetchOn`, until the returned
   * function is called; answers still on their way then are dropped.
   */
  follow(key: string, load: () => Promise<T>, refetchOn?: Subscribe): () => void {
    this.asked = { key, load };
    // A new question shows as loading by its key alone (resultFor); asked again, its answer stays.
    this.request(false);
    const unsubscribe = refetchOn?.(() => this.request(false));
    return () => {
      unsubscribe?.();
      this.asked = null;
      this.newest++;
    };
  }

  /** Asks the current question again because the user wants it (Try again); its data so far stays. */
  readonly reload = (): void => this.request(true);

  private request(userWaits: boolean): void {
    const asked = this.asked;
    if (!asked) return;
    const ticket = ++this.newest;
    if (userWaits && this.state.key === asked.key && !this.state.loading) {
      this.set({ ...this.state, loading: true });
    }
    asked.load().then(
      (data) => this.land(ticket, { key: asked.key, data, error: null, loading: false }),
      (cause: unknown) =>
        this.land(ticket, {
          key: asked.key,
          data: this.state.key === asked.key ? this.state.data : null,
          error: toErrorShape(cause),
          loading: false,
        }),
    );
  }

  private land(ticket: number, next: QueryState<T>): void {
    if (ticket !== this.newest) return;
    this.set(next);
  }

  private set(next: QueryState<T>): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * The state as the view asking `key` sees it: while a new question loads, nothing of the old one
 * shows (a value of the previous account must not appear under the next), unless the view keeps
 * the previous answer on screen to avoid a flash of "Loading" after a sync.
 */
export function resultFor<T>(state: QueryState<T>, key: string, keepPrevious = false): QueryResult<T> {
  if (state.key === key) return { data: state.data, error: state.error, loading: state.loading };
  return { data: keepPrevious ? state.data : null, error: null, loading: true };
}
