/** A cache of N clicks of one emailing, filled the way the app fills it: the fake API, the built worker. */
import { openDatabase } from '../../src/backend/db/open';
import { BackendHost } from '../../src/backend/host';
import { builtWorkerPath } from './builtWorker';
import { startFakeServerProcess } from './fakeServerProcess';

/** The emailing the fake API serves the N clicks for. */
export const BENCH_EMAILING_ID = 1001;

/** Returns the emailing's local key in the cache. */
export async function fillCache(databasePath: string, rows: number): Promise<number> {
  const server = await startFakeServerProcess(rows);
  const host = await BackendHost.start({ databasePath, workerPath: builtWorkerPath() });
  try {
    const outcome = await host.sync({
      apiBase: server.url,
      token: server.token,
      emailingIds: [BENCH_EMAILING_ID],
    }).result;
    if (!outcome.ok) throw new Error(`Filling the cache failed: ${outcome.error.message}`);
  } finally {
    await host.close();
    await server.stop();
  }
  const db = openDatabase(databasePath, { readonly: true });
  try {
    return db
      .prepare('SELECT id FROM emailings WHERE remote_id = ?')
      .pluck()
      .get(BENCH_EMAILING_ID) as number;
  } finally {
    db.close();
  }
}
