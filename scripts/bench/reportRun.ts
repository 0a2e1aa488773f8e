/**
 * One client report in a fresh process (report.ts bundles and starts it), so that its peak RSS
 * is the report's own: `reportRun.mjs DB OUT FORMAT KEY [KEY …]`. Prints one JSON line.
 */
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
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms, peakRssMb, baselineRssMb })}\n`);
