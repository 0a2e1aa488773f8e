/**
 * Entry of the checkpoint thread (see db/checkpointer.ts): its own connection to the cache,
 * which copies committed WAL frames into the database file now and then, so that the backend
 * worker's commits never wait for that copy and its fsyncs. It reads no table and writes none:
 * a PASSIVE checkpoint takes no lock a writer or reader needs, and skips what it cannot copy yet.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointerConfig, CheckpointReport } from './db/checkpointer';

const port = parentPort;
if (!port) throw new Error('src/backend/checkpointWorker.ts must run as a worker thread.');
const config = workerData as CheckpointerConfig;

const db = new Database(config.databasePath, {
  fileMustExist: true,
  ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
});

function checkpoint(): void {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  if (result && result.log > 0) {
    const report: CheckpointReport = {
      kind: 'checkpointed',
      frames: result.log,
      copied: result.checkpointed,
    };
    port?.postMessage(report);
  }
}

const timer = setInterval(() => {
  try {
    checkpoint();
  } catch (error) {
    // A full disk or a removed file: the writer falls back to checkpointing itself.
    clearInterval(timer);
    port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    db.close();
  }
}, config.intervalMs);

port.on('message', (message: unknown) => {
  if ((message as { kind?: unknown } | null)?.kind !== 'stop') return;
  clearInterval(timer);
  if (db.open) db.close();
  port.close();
});
