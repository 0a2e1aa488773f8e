/**
 * One export in a worker thread, as the app's backend worker will run it: its own read-only
 * connection, the clicks view with the grid's default columns, every row. The benchmark bundles
 * this file with esbuild first, as the app's build does, so no TypeScript loader runs beside the
 * export and the peak RSS is the export's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../src/backend/db/open';
import { defaultColumns } from '../../src/backend/export/viewColumns';
import { exportView } from '../../src/backend/export/viewExport';

const { databasePath, emailingKey, format, out } = workerData as {
  databasePath: string;
  emailingKey: number;
  format: 'csv' | 'xlsx';
  out: string;
};

async function run(): Promise<void> {
  const db = openDatabase(databasePath, { readonly: true });
  try {
    parentPort?.postMessage({ started: true });
    const started = performance.now();
    const result = await exportView(db, {
      view: 'clicks',
      emailingKey,
      columns: defaultColumns('clicks'),
      format,
      csv: { delimiter: ',', bom: true, guardFormulas: true },
      out,
    });
    parentPort?.postMessage({ rows: result.rows, ms: performance.now() - started });
  } finally {
    db.close();
  }
}

run().catch((error: unknown) => {
  throw error;
});
