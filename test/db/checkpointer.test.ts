/**
 * Checkpoints on a thread of their own (db/checkpointer.ts): the writer's commits must never pay
 * for copying the WAL back, and if the thread stops, the writer must checkpoint again, or the
 * WAL would grow without end.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import {
  type CheckpointReport,
  startCheckpointer,
  WRITER_CHECKPOINT_NET_PAGES,
  WRITER_CHECKPOINT_PAGES,
} from '../../src/backend/db/checkpointer';
import { openDatabase } from '../../src/backend/db/open';
import { createBackendService } from '../../src/backend/service';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const entry = fileURLToPath(new URL('../../src/backend/checkpointWorker.dev.mjs', import.meta.url));

function fill(db: ReturnType<typeof openDatabase>, rows: number, bytes: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body BLOB)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (randomblob(?))');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(bytes);
  })();
}

it('takes the automatic checkpoint off the writer: a commit past its usual threshold copies nothing', async () => {
  const path = join(tempDir(), 'cache.db');
  const db = openDatabase(path);
  // A thread that would checkpoint only after a minute: whatever reaches the file now, the writer copied.
  const checkpointer = startCheckpointer({ entry, writer: db, databasePath: path, intervalMs: 60_000 });
  try {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WRITER_CHECKPOINT_NET_PAGES);
    const fileBefore = statSync(path).size;
    // About 80 MB, past the 16,384 pages (64 MB) at which the writer would checkpoint itself.
    fill(db, 20_000, 4000);
    expect(statSync(path).size).toBe(fileBefore);
  } finally {
    await checkpointer.stop();
  }
  // Stopped, the writer checkpoints itself again.
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WRITER_CHECKPOINT_PAGES);
  db.close();
});

it("copies the writer's commits into the file from its own thread", async () => {
  const path = join(tempDir(), 'cache.db');
  const db = openDatabase(path);
  const reports: CheckpointReport[] = [];
  const checkpointer = startCheckpointer({
    entry,
    writer: db,
    databasePath: path,
    intervalMs: 50,
    onReport: (r) => reports.push(r),
  });
  try {
    const fileBefore = statSync(path).size;
    fill(db, 2_000, 4000);
    await expect
      .poll(() => reports.some((r) => r.kind === 'checkpointed' && r.frames > 0 && r.copied === r.frames), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(statSync(path).size).toBeGreaterThan(fileBefore + 2_000 * 4000);
  } finally {
    await checkpointer.stop();
  }
  db.close();
});

it('hands checkpoints back to the writer when the thread cannot work', async () => {
  const path = join(tempDir(), 'cache.db');
  const db = openDatabase(path);
  const reports: CheckpointReport[] = [];
  // A file the thread cannot open (it never creates one).
  const checkpointer = startCheckpointer({
    entry,
    writer: db,
    databasePath: join(tempDir(), 'missing', 'cache.db'),
    intervalMs: 50,
    onReport: (r) => reports.push(r),
  });
  await checkpointer.stop();
  expect(reports.some((r) => r.kind === 'failed')).toBe(true);
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WRITER_CHECKPOINT_PAGES);
  const fileBefore = statSync(path).size;
  fill(db, 20_000, 4000);
  // The writer's own automatic checkpoint ran at the commit: the rows are in the file.
  expect(statSync(path).size).toBeGreaterThan(fileBefore + 20_000 * 4000);
  db.close();
});

it('runs beside the backend service and stops with it', async () => {
  const path = join(tempDir(), 'cache.db');
  const logged: string[] = [];
  const service = createBackendService({
    databasePath: path,
    version: 'test',
    emit: () => undefined,
    externalChangePollMs: 0,
    checkpointWorker: entry,
    logError: (message) => logged.push(message),
  });
  await service.close();
  expect(logged).toEqual([]);
  // Closed cleanly: the last connection's close removed the WAL.
  expect(() => statSync(`${path}-wal`)).toThrow();
});
