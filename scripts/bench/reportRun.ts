/**
 * One client report in a fresh process (report.ts bundles and starts it), so that its peak RSS
 * is the report's own: `reportRun.mjs DB OUT FORMAT KEY [KEY …]`. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/backend/db/open';
import { writeClientReport } from '../../src/backend/report/clientReport';
import type { ReportFormat } from '../../src/shared/schemas/report';

const [databasePath, out, format, ...keys] = process.argv.slice(2);
const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
const db = openDatabase(databasePath as string, { readonly: true });
const started = performance.now();
await writeClientReport(db, {
  emailingKeys: keys.map(Number),
  format: format as ReportFormat,
  style: { language: 'nl', numberLocale: 'nl-NL' },
  out: out as string,
});
const ms = performance.now() - started;
db.close();
const peakRssMb = ownPeakRssMb();
process.stdout.write(`${JSON.stringify({ ms, peakRssMb, baselineRssMb })}\n`);

/**
 * This process's own peak. getrusage's maxRSS survives execve on Linux, so this child reported
 * the size of the benchmark process that spawned it, which syncs twelve emailings in process,
 * instead of the report's (a child of a 541 MB parent: maxRSS 504 MB, VmHWM 39 MB). /proc's
 * VmHWM starts afresh at exec, as exportHost.mjs reads it.
 */
function ownPeakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS / 1024;
}
