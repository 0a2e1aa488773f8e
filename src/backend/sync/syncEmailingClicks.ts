/**
 * Brings the cached clicks of one emailing up to date with Copernica.
 *
 * The first run fetches everything; later runs ask for `timestamp >= watermark` (the newest
 * click time of the last complete run), so clicks that share the watermark's second come again
 * and the upsert on (emailing, click ID) drops the repeats: nothing lost, nothing doubled.
 * Pages are committed in order, a few received pages in one transaction together with the run's
 * next offset (see CommitGroup), so a run killed at any moment resumes at the first page it had
 * not committed, and re-fetching a committed page changes nothing. Pages are fetched a few at a
 * time ahead of the one being written.
 */
import type Database from 'better-sqlite3';
import type { SyncProgress } from '../../shared/contract';
import { AppError, isAppError } from '../../shared/errors';
import { diskFullError } from '../db/diskErrors';
import type { Click, Page } from '../copernica/types';
import { ClickWriter, type InsertedClick, type PageWriteResult } from '../db/clickWriter';
import { asBusyError } from '../db/busy';
import { dropGridIndexes, ensureGridIndexes, missingGridIndexes } from '../db/gridIndexes';
import { SyncStateStore } from '../db/syncState';
import { ZoneConverter } from '../../shared/wallClock';
import { refreshSummaries, SummaryUpdater, summariesNeedRebuild } from '../views/summaryTables';
import { ensureVerdicts, judgeNewClicks, markVerdictsStale } from '../bots/verdictPass';

/** The part of the Copernica client the sync needs (tests may pass their own). */
export interface ClicksSource {
  clicksPage(
    emailingId: number,
    query: { start: number; limit?: number; since?: string | null; total?: boolean },
    signal?: AbortSignal,
  ): Promise<Page<Click>>;
}

export interface SyncEmailingClicksOptions {
  db: Database.Database;
  source: ClicksSource;
  /** Local key of the emailing (emailings.id). */
  emailingKey: number;
  /** The emailing's ID at Copernica. */
  emailingId: number;
  /** The account's time zone, for the UTC instant of each click. */
  timeZone: string;
  /** Rows per request; Copernica's maximum is 1000. */
  pageSize?: number;
  /** Pages requested ahead of the one being written. */
  pagesInFlight?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  now?: () => Date;
  /**
   * Whether a failure is the emailing's to show as its last error; default all. The app leaves
   * out "offline": the network's fault, not the emailing's.
   */
  recordsFailure?: (error: AppError) => boolean;
  /** When a first sync loads without the grid indexes (tests lower it). */
  bulkLoad?: { minRows: number };
  /** Rows one run may read before the server is taken to be looping (tests lower it). */
  maxRowsPerRun?: number;
  /** When received pages are committed together (tests change it); see defaultCommitGroup. */
  commitGroup?: CommitGroup;
}

/**
 * Received pages are held and committed together once they hold `rows` clicks or the first of
 * them has waited `ms`, whichever comes first. Once the cache is large, a page of random IPs,
 * profiles and destinations dirties a leaf of each grid index per click, and each transaction
 * writes every page it dirtied to the WAL: a group of pages writes a leaf that several of them
 * touched once instead of once per page. The run's next offset is written with the group, so a
 * kill loses at most the group's pages, which the resumed run fetches again. The first page of a
 * run is committed alone (it decides the bulk load), and the held pages are committed before the
 * run stops on a failure or a cancel, so that what was received is kept, as page by page.
 */
export interface CommitGroup {
  rows: number;
  ms: number;
}

export const defaultCommitGroup: CommitGroup = { rows: 10_000, ms: 500 };

export interface SyncEmailingClicksResult {
  emailingKey: number;
  emailingId: number;
  /** Clicks new to the cache in this run. */
  inserted: number;
  /** Clicks received in this run, repeats and refused ones included. */
  fetched: number;
  /**
   * Clicks received in this run that were refused and not stored: an ID that is not a positive
   * whole number, or no timestamp (see copernica/parse.ts clickRow).
   */
  rejected: number;
  pages: number;
  /** Clicks the server reported for this run's filter, when it said. */
  total: number | null;
  /** Clicks of this emailing in the cache after the run. */
  cachedRows: number;
  resumed: boolean;
  incremental: boolean;
}

/**
 * A first sync at least this large, into a cache that holds no other emailing's clicks, loads
 * without the grid indexes and builds them at the end (see db/gridIndexes.ts).
 */
export const defaultBulkLoad = { minRows: 50_000 };

/**
 * The most clicks one run reads. The run ends when a page is empty, short or a repeat of the one
 * before, never on the server's total (which can lie); this bounds a server that makes up new
 * rows forever. Fifty times the largest emailings we know of (about a million clicks).
 */
export const MAX_ROWS_PER_RUN = 50_000_000;

/** Whether a page holds the same rows as the one before: a server that ignores `start`. */
function repeats(page: Page<Click>, previous: Page<Click> | null): boolean {
  if (previous === null || page.data.length === 0 || page.data.length !== previous.data.length) return false;
  return page.data[0]!.id === previous.data[0]!.id && page.data.at(-1)!.id === previous.data.at(-1)!.id;
}

/**
 * Keeps sync_state.time_follows_id: still true while each new click has a higher ID and no
 * earlier time than the newest cached one (the API answers in ID order); false for good once not.
 */
class TimeOrder {
  private follows: boolean | null;
  private lastId = -Infinity;
  private lastWall = -Infinity;

  constructor(
    db: Database.Database,
    private readonly store: SyncStateStore,
    private readonly emailingKey: number,
  ) {
    const newest = db
      .prepare('SELECT id, ts_local AS wall FROM clicks WHERE emailing_id = ? ORDER BY id DESC LIMIT 1')
      .get(emailingKey) as { id: number; wall: number | null } | undefined;
    // An emailing without clicks trivially follows; one cached by an older version was set by
    // migration 3.
    this.follows = newest ? store.timeFollowsId(emailingKey) : true;
    if (!newest) store.setTimeFollowsId(emailingKey, true);
    if (newest) {
      this.lastId = newest.id;
      this.lastWall = newest.wall ?? Infinity;
    }
  }

  follow(clicks: readonly InsertedClick[]): void {
    if (this.follows === false || clicks.length === 0) return;
    let follows = this.follows ?? false;
    for (const click of clicks) {
      if (click.wall === null || click.id < this.lastId || click.wall < this.lastWall) {
        follows = false;
        break;
      }
      this.lastId = click.id;
      this.lastWall = click.wall;
    }
    if (follows !== this.follows) this.store.setTimeFollowsId(this.emailingKey, follows);
    this.follows = follows;
  }
}

interface PendingPage {
  start: number;
  controller: AbortController;
  promise: Promise<Page<Click>>;
}

/** A page received and not yet committed, with the offset it was asked for. */
interface ReceivedPage {
  start: number;
  page: Page<Click>;
}

export async function syncEmailingClicks(
  options: SyncEmailingClicksOptions,
): Promise<SyncEmailingClicksResult> {
  try {
    return await syncOrThrow(options);
  } catch (error) {
    // The bookkeeping before the first page (and after the last) can meet a lock held elsewhere.
    throw asBusyError(error);
  }
}

async function syncOrThrow(options: SyncEmailingClicksOptions): Promise<SyncEmailingClicksResult> {
  const { db, source, emailingKey, emailingId, signal } = options;
  const now = options.now ?? (() => new Date());
  const pagesInFlight = Math.max(1, options.pagesInFlight ?? 2);
  let pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 1000));

  const store = new SyncStateStore(db);
  const state = store.get(emailingKey);
  const resumed = state.runNextStart !== null;
  const since = resumed ? state.runSince : state.watermark;
  const firstStart = resumed ? (state.runNextStart as number) : 0;
  if (!resumed) store.beginRun(emailingKey, since, now());
  // A bulk load that failed while the cache was busy left the grid indexes dropped (the cache
  // builds them on open too). Only a resumed run builds them: a new one may run beside another
  // emailing's bulk load on this connection, whose indexes must stay dropped until its end.
  if (resumed && missingGridIndexes(db).length > 0) ensureGridIndexes(db);
  // Summaries a killed bulk load left behind (or that disagree with the row count for any other
  // reason) are rebuilt from the cached clicks before this run adds to them.
  if (summariesNeedRebuild(db, emailingKey)) refreshSummaries(db, emailingKey);
  // Likewise verdicts of other rules, or of a bulk load that did not reach its end.
  ensureVerdicts(db, emailingKey);

  const writer = new ClickWriter(db, emailingKey, new ZoneConverter(options.timeZone), now());
  const summaries = new SummaryUpdater(db, emailingKey);
  const order = new TimeOrder(db, store, emailingKey);
  // Set when a large first sync loads without indexes: the summaries are then computed once at
  // the end instead of page by page, and every page until then marks them stale in its own
  // transaction, so a kill at any moment leaves the mark that makes the next sync rebuild them.
  let bulk = false;
  const writePage = ({ page, start }: ReceivedPage): PageWriteResult => {
    const written = writer.writePage(page.data);
    order.follow(written.insertedClicks);
    if (page.refused > 0) store.addRejected(emailingKey, page.refused);
    store.advanceRun(emailingKey, start + page.count, written.inserted, written.maxTimestamp);
    return written;
  };
  // IMMEDIATE: the pages read (texts, pairs) before they write; a DEFERRED transaction that finds
  // the lock taken at its first write fails at once instead of waiting the busy timeout. The
  // summaries take the group's new clicks at once: a profile or link that several of its pages
  // bring is updated once.
  const commitPages = db.transaction((group: readonly ReceivedPage[]): PageWriteResult[] => {
    const written = group.map(writePage);
    if (bulk) {
      store.markSummariesStale(emailingKey);
      markVerdictsStale(db, emailingKey);
    } else {
      const insertedClicks = written.flatMap((page) => page.insertedClicks);
      summaries.apply(insertedClicks);
      judgeNewClicks(
        db,
        emailingKey,
        insertedClicks.map((click) => click.id),
      );
    }
    return written;
  }).immediate;

  let total: number | null = null;
  let inserted = 0;
  let fetched = 0;
  let rejected = 0;
  let pages = 0;
  let position = firstStart;
  const report = (phase: SyncProgress['phase'], error: string | null = null): void =>
    options.onProgress?.({ emailingKey, emailingId, phase, rows: position, pages, total, rejected, error });

  const pending: PendingPage[] = [];
  let nextStart = firstStart;
  const request = (start: number): PendingPage => {
    const controller = new AbortController();
    const abort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    const promise = source
      .clicksPage(
        emailingId,
        { start, limit: pageSize, since, total: start === firstStart },
        controller.signal,
      )
      .finally(() => signal?.removeEventListener('abort', abort));
    // A page that is dropped unread must not surface as an unhandled rejection.
    promise.catch(() => undefined);
    return { start, controller, promise };
  };
  const dropPending = (): void => {
    for (const page of pending.splice(0)) page.controller.abort();
  };
  const fill = (): void => {
    // Until the first answer tells the total, one request at a time. The total only paces the
    // requests ahead: the next page is always asked for, since only a page can end the run.
    const limit = total === null && pages === 0 ? 1 : pagesInFlight;
    while (pending.length === 0 || (pending.length < limit && (total === null || nextStart < total))) {
      pending.push(request(nextStart));
      nextStart += pageSize;
    }
  };

  const maybeStartBulkLoad = (): void => {
    const { minRows } = options.bulkLoad ?? defaultBulkLoad;
    if (bulk || resumed || since !== null || total === null || total < minRows) return;
    // The grid indexes are the whole table's: dropping them while another emailing has clicks
    // would turn that emailing's views and exports into full sorts (they still answer: see
    // db/gridIndexes.ts on missing indexes). Only a cache with nothing else in it pays that, and
    // that is the case the bulk load is for: the first large emailing, usually the first sync.
    // (A scan of sync_state, one row per emailing.)
    const others = db
      .prepare('SELECT EXISTS (SELECT 1 FROM sync_state WHERE emailing_id <> ? AND rows > 0) AS n')
      .get(emailingKey) as { n: number };
    if (others.n) return;
    dropGridIndexes(db);
    bulk = true;
  };

  const group = options.commitGroup ?? defaultCommitGroup;
  const held: ReceivedPage[] = [];
  let heldRows = 0;
  let heldSince = 0;
  // Progress is reported page by page, of committed pages only: `rows` is where a resume starts.
  const commitHeld = (): void => {
    if (held.length === 0) return;
    const committed = held.splice(0);
    heldRows = 0;
    const written = commitPages(committed);
    committed.forEach(({ page, start }, i) => {
      inserted += (written[i] as PageWriteResult).inserted;
      fetched += page.count;
      rejected += page.refused;
      pages += 1;
      position = start + page.count;
      report('fetching');
    });
    maybeStartBulkLoad();
  };

  const maxRows = options.maxRowsPerRun ?? MAX_ROWS_PER_RUN;
  let received = 0;
  let previous: Page<Click> | null = null;
  report('starting');
  try {
    // The server's numbers are not trusted (see Page): the run advances by the rows received
    // and ends on a page that is empty, short, or the same as the one before.
    for (;;) {
      if (signal?.aborted) {
        commitHeld();
        throw new AppError('cancelled', 'The sync was cancelled.');
      }
      fill();
      const next = pending.shift() as PendingPage;
      let page: Page<Click>;
      try {
        page = await next.promise;
      } catch (error) {
        commitHeld();
        throw error;
      }
      if (page.total !== null) total = page.total;
      if (repeats(page, previous)) break;
      previous = page;
      if (held.length === 0) heldSince = performance.now();
      held.push({ start: next.start, page });
      heldRows += page.count;
      received += page.count;
      if (pages === 0 || heldRows >= group.rows || performance.now() - heldSince >= group.ms) commitHeld();
      const end = next.start + page.count;

      if (page.count === 0) break;
      if (page.count !== pageSize) {
        // A short page is the end, unless the server capped the page size below ours or still
        // promises more; a long one ignored our limit. Either way, carry on from where this page
        // really ended.
        const capped = page.count < pageSize && page.limit < pageSize && page.count <= page.limit;
        if (page.count < pageSize && !capped && (total === null || end >= total)) break;
        if (capped) pageSize = page.limit;
        dropPending();
        nextStart = end;
      }
      if (received >= maxRows) {
        commitHeld();
        throw new AppError(
          'bad_response',
          `Copernica kept sending clicks of emailing ${emailingId}: ${maxRows.toLocaleString('en-US')} ` +
            'in one sync and still more, so the sync stopped. Try again later.',
        );
      }
    }
    dropPending();
    commitHeld();
    // A cancel that came while the last held pages were reported (in the group just committed)
    // still counts, as it would have between two pages committed one by one.
    if (signal?.aborted) throw new AppError('cancelled', 'The sync was cancelled.');
    if (bulk) {
      ensureGridIndexes(db);
      refreshSummaries(db, emailingKey);
    }
    // After a bulk load, or when the rules changed while the sync ran.
    ensureVerdicts(db, emailingKey);
    store.finishRun(emailingKey, now());
    report('done');
    return {
      emailingKey,
      emailingId,
      inserted,
      fetched,
      rejected,
      pages,
      total,
      cachedRows: store.get(emailingKey).rows,
      resumed,
      incremental: since !== null,
    };
  } catch (thrown) {
    dropPending();
    const error = asBusyError(thrown);
    const appError = isAppError(error)
      ? error
      : (diskFullError(error) ??
        new AppError('internal', 'The sync stopped on an unexpected error.', { cause: error }));
    // Nothing here may replace the real error. When the cache is busy elsewhere, every write
    // below would wait the busy timeout again and fail, and on a full disk it would fail too; the
    // stale mark and the checks at the start of the next sync repair what is left.
    const busy = appError.code === 'busy';
    const skipCleanup = busy || appError.code === 'disk_full';
    // The grids should not stay without their indexes, nor the views without totals.
    if (bulk && !skipCleanup) {
      tryCleanup('rebuild the grid indexes', () => ensureGridIndexes(db));
      tryCleanup('rebuild the summaries', () => refreshSummaries(db, emailingKey));
    }
    if (appError.code === 'cancelled' || signal?.aborted) {
      report('cancelled');
      throw appError.code === 'cancelled' ? appError : new AppError('cancelled', 'The sync was cancelled.');
    }
    if (!busy && (options.recordsFailure?.(appError) ?? true)) {
      tryCleanup('record the failure', () =>
        store.recordFailure(emailingKey, appError.message, appError.code, now()),
      );
    }
    report('failed', appError.message);
    throw appError;
  }
}

/** Work after a failure: a failure of its own is logged (no tokens reach SQLite's messages), never thrown. */
function tryCleanup(what: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    console.error(`[sync] could not ${what} after a failed sync:`, (error as Error).message);
  }
}
