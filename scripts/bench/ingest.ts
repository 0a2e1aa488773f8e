/**
 * Ingest of one emailing from the fake API on loopback into SQLite, through the backend worker
 * exactly as the app runs it (a tracked emailing's refresh, through the sync queue), beside the floor: JSON.parse plus insert of the same pages in this
 * thread, with no HTTP at all. Then the same for a Marketing Suite emailing of as many clicks
 * (`ms/emailing/$id/clicks`: no link_id, link_title or referer), beside its own floor.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Product } from '../../src/shared/schemas/product';
import { gridIndexes } from '../../src/backend/db/gridIndexes';
import { seedEmailing } from '../../src/backend/accounts/seedEmailing';
import { bulkLoadInThread } from './bulkLoadInThread';
import { openDatabase } from '../../src/backend/db/open';
import { FakeEmailing } from '../../src/backend/fakeApi/data';
import { BackendHost } from '../../src/backend/host';
import { builtWorkerPath } from './builtWorker';
import { startFakeServerProcess } from './fakeServerProcess';
import type { SyncProgress } from '../../src/shared/contract';
import { unwrap } from '../../src/shared/result';
import { type Metric, peakRssMb } from './metrics';

const EMAILING_ID = 1001;

export async function benchIngest(rows: number): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'copernica-bench-'));
  try {
    const ingest = await measureIngest(join(dir, 'ingest.db'), rows, 'publisher');
    const rss = peakRssMb();
    const floor = measureFloor(join(dir, 'floor.db'), rows, 'publisher');
    const msIngest = await measureIngest(join(dir, 'ms-ingest.db'), rows, 'ms');
    const msFloor = measureFloor(join(dir, 'ms-floor.db'), rows, 'ms');
    return [
      {
        metric: 'ingest_rows_per_s',
        value: Math.round(ingest.rowsPerSecond),
        unit: 'rows/s',
        note: `${rows.toLocaleString('en-US')} clicks over HTTP into the worker, until the last page is committed`,
      },
      {
        metric: 'ingest_floor_rows_per_s',
        value: Math.round(floor.rowsPerSecond),
        unit: 'rows/s',
        note: 'JSON.parse + insert of the same pages in this thread, no HTTP',
      },
      {
        metric: 'ingest_ratio',
        value: Number((ingest.rowsPerSecond / floor.rowsPerSecond).toFixed(3)),
        unit: 'ratio',
        note: 'must be ≥ 0.7',
      },
      {
        metric: 'host_max_lag_ms',
        value: Number(ingest.maxLagMs.toFixed(1)),
        unit: 'ms',
        note: 'longest stall of the hosting thread, must be ≤ 50',
      },
      {
        metric: 'db_bytes_per_click',
        value: Number(ingest.dataBytesPerClick.toFixed(1)),
        unit: 'bytes',
        note: 'the clicks with their links and texts; must be ≤ 150 (naive table ≈ 370)',
      },
      {
        metric: 'db_bytes_per_click_indexed',
        value: Number(ingest.bytesPerClick.toFixed(1)),
        unit: 'bytes',
        note: 'the whole file, with the grid indexes and summaries of the app (≤ 250)',
      },
      {
        metric: 'ingest_finish_ms',
        value: Math.round(ingest.finishMs),
        unit: 'ms',
        note: `then the grid indexes and summaries of a first load (the same work in this thread: ${Math.round(floor.finishMs)} ms)`,
      },
      { metric: 'peak_rss_mb', value: rss, unit: 'MB', note: 'host + worker, fake server excluded' },
      {
        metric: 'ms_ingest_rows_per_s',
        value: Math.round(msIngest.rowsPerSecond),
        unit: 'rows/s',
        note: `${rows.toLocaleString('en-US')} clicks of a Marketing Suite emailing over HTTP into the worker`,
      },
      {
        metric: 'ms_ingest_floor_rows_per_s',
        value: Math.round(msFloor.rowsPerSecond),
        unit: 'rows/s',
        note: 'JSON.parse + insert of the same Marketing Suite pages in this thread, no HTTP',
      },
      {
        metric: 'ms_ingest_ratio',
        value: Number((msIngest.rowsPerSecond / msFloor.rowsPerSecond).toFixed(3)),
        unit: 'ratio',
        note: 'ms_ingest_rows_per_s / ms_ingest_floor_rows_per_s; must be ≥ 0.7, as Publisher',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureIngest(databasePath: string, rows: number, product: Product) {
  const server =
    product === 'publisher' ? await startFakeServerProcess(rows) : await startFakeServerProcess(1000, rows);
  // Every page's progress event, so that the last page's commit is seen; the app sends ≤ 10/s.
  const host = await BackendHost.start({
    databasePath,
    workerPath: builtWorkerPath(),
    copernicaOrigin: new URL(server.url).origin,
    progressIntervalMs: 0,
  });
  try {
    const emailingKey = await trackedEmailing(host, server.token, product);
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const started = performance.now();
    // The last page committed ends the load; the grid indexes and summaries are then built.
    let loaded = 0;
    const ended = new Promise<SyncProgress>((resolve) => {
      const stop = host.onEvent((name, payload) => {
        if (name !== 'syncProgress') return;
        const progress = payload as SyncProgress;
        if (progress.emailingKey !== emailingKey) return;
        if (progress.phase === 'fetching' && progress.rows === progress.total) loaded = performance.now();
        if (progress.phase === 'done' || progress.phase === 'failed' || progress.phase === 'cancelled') {
          stop();
          resolve(progress);
        }
      });
    });
    // The app's path: a tracked emailing's refresh, through the worker's sync queue.
    unwrap(await host.call('syncEmailings', { emailingKeys: [emailingKey] }));
    const outcome = await ended;
    const finished = performance.now();
    const seconds = ((loaded || finished) - started) / 1000;
    lag.disable();
    if (outcome.phase !== 'done') throw new Error(`The sync ended ${outcome.phase}: ${outcome.error}`);
    const listed = unwrap(await host.call('listCachedEmailings', {}));
    const cached =
      listed.find((emailing) => emailing.key === emailingKey && emailing.emailingId === EMAILING_ID)
        ?.clickCount ?? 0;
    if (cached !== rows) throw new Error(`The sync cached ${cached} clicks, expected ${rows}.`);
    await host.close();
    // Closing the last connection checkpoints the WAL into the main file: its size is the cost.
    const bytes = statSync(databasePath).size;
    return {
      rowsPerSecond: rows / seconds,
      finishMs: loaded ? finished - loaded : 0,
      maxLagMs: lag.max / 1e6,
      bytesPerClick: bytes / rows,
      dataBytesPerClick: dataBytes(databasePath) / rows,
    };
  } finally {
    await host.close();
    await server.stop();
  }
}

/** An account with its token, its emailing list fetched and the bench emailing tracked, as a user sets it up. */
async function trackedEmailing(host: BackendHost, token: string, product: Product): Promise<number> {
  const account = unwrap(
    await host.internal('createAccount', {
      label: 'Bench',
      apiVersion: 'v2',
      timeZone: 'Europe/Amsterdam',
      remoteId: 1,
      remoteName: 'Bench',
    }),
  );
  unwrap(await host.internal('setCredentials', [{ accountId: account.id, token }]));
  unwrap(await host.call('refreshEmailingList', { accountId: account.id }));
  const emailings = unwrap(await host.call('listEmailings', { accountId: account.id, product }));
  const key = emailings.find((emailing) => emailing.emailingId === EMAILING_ID)?.key;
  if (key === undefined) throw new Error(`The fake API lists no ${product} emailing ${EMAILING_ID}.`);
  unwrap(await host.call('setTracked', { emailingKey: key, tracked: true }));
  return key;
}

/** Bytes of the click data itself: the table and its dictionaries, without grid indexes and summaries. */
function dataBytes(databasePath: string): number {
  const db = openDatabase(databasePath, { readonly: true });
  try {
    const extra = new Set<string>([
      ...Object.keys(gridIndexes),
      'link_stats',
      'profile_stats',
      'link_profiles',
    ]);
    const sizes = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as {
      name: string;
      bytes: number;
    }[];
    return sizes
      .filter((s) => !extra.has(s.name) && !s.name.startsWith('profile_stats_'))
      .reduce((sum, s) => sum + s.bytes, 0);
  } finally {
    db.close();
  }
}

/**
 * Parse + insert of the very pages the fake serves (page generation is not timed), then,
 * timed apart, the end-of-load work the sync does: the grid indexes and the summaries.
 */
function measureFloor(
  databasePath: string,
  rows: number,
  product: Product,
): { rowsPerSecond: number; finishMs: number } {
  const db = openDatabase(databasePath);
  try {
    const key = seedEmailing(db, 'floor', EMAILING_ID, product);
    const emailing = new FakeEmailing(
      { id: EMAILING_ID, subject: 'Voorjaarsactie', sentAt: '2024-03-04 09:00:00', clicks: rows },
      1,
      product,
    );
    const { writeMs, finishMs } = bulkLoadInThread(db, key, emailing, rows, product);
    return { rowsPerSecond: rows / (writeMs / 1000), finishMs };
  } finally {
    db.close();
  }
}
