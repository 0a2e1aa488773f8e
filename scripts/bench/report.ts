/**
 * The client report: the PDF of one emailing of N cached clicks (report_pdf_ms), the comparison
 * of twelve emailings of N/10 clicks each as a PDF (report_compare_ms), and the larger peak RSS
 * of the two processes that wrote them (report_peak_rss_mb, each its own VmHWM: the report on a
 * read-only connection, as the app's export module runs it), each report in a fresh process. The
 * floor beside the PDF is one plain grouped scan of the same clicks, in the same run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { fillCache } from './fillCache';
import type { Metric } from './metrics';
import { bundleScript } from './bundleScript';

interface RunResult {
  ms: number;
  peakRssMb: number;
  baselineRssMb: number;
}

/** The runner as ESM, the packages loaded from node_modules. */
const bundleRunner = (): Promise<string> =>
  bundleScript('scripts/bench/reportRun.ts', 'reportRun.mjs', { format: 'esm', packages: 'external' });

function run(runner: string, db: string, out: string, keys: number[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, db, out, 'pdf', ...keys.map(String)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`The report exited with code ${code}.`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as RunResult);
    });
  });
}

/** Twelve emailings of `each` clicks, synced from an in-process fake as the CLI syncs. */
async function fillTwelve(databasePath: string, each: number): Promise<number[]> {
  const ids = Array.from({ length: 12 }, (_, i) => 2001 + i);
  const fake = await createFakeCopernica({
    tokens: ['t'],
    emailings: ids.map((id, i) => ({
      id,
      subject: `Nieuwsbrief ${i + 1}`,
      clicks: each,
      sentAt: `2024-${String(i + 1).padStart(2, '0')}-05 09:00:00`,
    })),
  });
  const db = openDatabase(databasePath);
  try {
    const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
    await runSync({ db, source: client, plan: await planSync(client, fake.url, ids) });
    return ids.map(
      (id) => db.prepare('SELECT id FROM emailings WHERE remote_id = ?').pluck().get(id) as number,
    );
  } finally {
    db.close();
    await fake.close();
  }
}

export async function benchReport(rows: number): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'copernica-bench-report-'));
  try {
    const runner = await bundleRunner();
    console.log(`  filling a cache with ${rows.toLocaleString('en-US')} clicks…`);
    const single = join(dir, 'single.db');
    const key = await fillCache(single, rows);
    const each = Math.round(rows / 10);
    console.log(`  filling a cache with 12 emailings of ${each.toLocaleString('en-US')} clicks…`);
    const twelve = join(dir, 'twelve.db');
    const keys = await fillTwelve(twelve, each);

    const floorDb = openDatabase(single, { readonly: true });
    const floorStart = performance.now();
    floorDb
      .prepare(
        'SELECT link, COUNT(*), COUNT(DISTINCT destination) FROM clicks WHERE emailing_id = ? GROUP BY link',
      )
      .all(key);
    const floorMs = performance.now() - floorStart;
    floorDb.close();

    const pdf = await run(runner, single, join(dir, 'report.pdf'), [key]);
    const compare = await run(runner, twelve, join(dir, 'comparison.pdf'), keys);
    const peak = Math.max(pdf.peakRssMb, compare.peakRssMb);
    return [
      {
        metric: 'report_pdf_ms',
        value: Math.round(pdf.ms),
        unit: 'ms',
        note: `≤ 5000; one grouped scan of the same clicks: ${Math.round(floorMs)} ms (ratio ${(pdf.ms / floorMs).toFixed(1)})`,
      },
      {
        metric: 'report_compare_ms',
        value: Math.round(compare.ms),
        unit: 'ms',
        note: `≤ 3000; 12 × ${each.toLocaleString('en-US')} clicks`,
      },
      {
        metric: 'report_peak_rss_mb',
        value: Math.round(peak),
        unit: 'MB',
        note: `≤ 300; the process before the report: ${Math.round(Math.max(pdf.baselineRssMb, compare.baselineRssMb))} MB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
