/**
 * Checkpoints off the writer's path. In WAL mode each commit appends the pages it changed to the
 * WAL, and a checkpoint copies them back into the database file, with an fsync of each. SQLite
 * runs that copy inside the commit that crosses `wal_autocheckpoint`, so one refresh in a few
 * paid for the pages of several: a refresh into an emailing of a million clicks dirties some
 * 12,000 index pages (the ip, profile and destination indexes take new clicks all over), and the
 * copy of 64 MB with its fsyncs made the slowest refreshes three times slower than the rest.
 *
 * SQLite's documented remedy: the writer's automatic checkpoints turned (nearly) off, and a
 * second connection on its own thread that checkpoints PASSIVE every so often. A passive
 * checkpoint never blocks the writer or a reader; the writer restarts the WAL from its start at
 * its next transaction once a checkpoint has copied everything. The writer keeps a large
 * automatic threshold as a net, should the thread fall behind or fail.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export interface CheckpointerConfig {
  databasePath: string;
  nativeBinding?: string;
  /** How often the thread checkpoints, in ms. */
  intervalMs: number;
}

/** What the thread reports: a checkpoint that found frames, or the failure that stopped it. */
export type CheckpointReport =
  { kind: 'checkpointed'; frames: number; copied: number } | { kind: 'failed'; message: string };

/** The writer's automatic checkpoint, in WAL pages, when it checkpoints itself (see open.ts). */
export const WRITER_CHECKPOINT_PAGES = 16_384;
/** The writer's net while the thread checkpoints: 1 GiB of WAL, never reached when it keeps up. */
export const WRITER_CHECKPOINT_NET_PAGES = 262_144;

export interface Checkpointer {
  /** Ends the thread after its checkpoint in progress; the connection's close checkpoints the rest. */
  stop(): Promise<void>;
}

export interface StartCheckpointerOptions extends CheckpointerConfig {
  /** The thread's entry: out/main/checkpointWorker.js, or checkpointWorker.dev.mjs from source. */
  entry: string | URL;
  /** The writer's connection, whose automatic checkpoints the thread takes over. */
  writer: Database.Database;
  onReport?: (report: CheckpointReport) => void;
}

export function startCheckpointer(options: StartCheckpointerOptions): Checkpointer {
  const { entry, writer, onReport, ...config } = options;
  const worker = new Worker(entry, { workerData: config satisfies CheckpointerConfig });
  writer.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_NET_PAGES}`);
  let running = true;
  // Whatever stops the thread, the writer checkpoints itself again.
  const fallBack = (): void => {
    if (!running) return;
    running = false;
    if (writer.open) writer.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  };
  worker.on('message', (report: CheckpointReport) => {
    if (report.kind === 'failed') fallBack();
    onReport?.(report);
  });
  worker.on('error', (error) => {
    fallBack();
    onReport?.({ kind: 'failed', message: error.message });
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(fallBack);
  return {
    async stop() {
      if (running) worker.postMessage({ kind: 'stop' });
      await exited;
    },
  };
}
