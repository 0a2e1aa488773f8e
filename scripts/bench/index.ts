/**
 * `npm run bench [-- ingest|app|export|refresh|figures|report] [-- --rows N]`: prints the figures the issues name, each beside the
 * floor measured in the same run, and writes them to bench-results/<part>.json.
 */
import { parseArgs } from 'node:util';
import { benchApp } from './app';
import { benchExport } from './export';
import { benchBotFigures } from './botFigures';
import { benchFigures } from './figures';
import { benchIngest } from './ingest';
import { benchRefresh } from './refresh';
import { benchReport } from './report';
import { writeMetrics } from './metrics';

const parts = {
  ingest: benchIngest,
  app: benchApp,
  export: benchExport,
  refresh: benchRefresh,
  report: benchReport,
  // The key figures (figures.ts) and the bot verdicts and devices (botFigures.ts) in one figures.json.
  figures: async (rows: number) => [...(await benchFigures(rows)), ...(await benchBotFigures(rows))],
} as const;
type Part = keyof typeof parts;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { rows: { type: 'string', default: '1000000' } },
  allowPositionals: true,
});
const rows = Number(values.rows);
if (!Number.isSafeInteger(rows) || rows < 1000)
  throw new Error('--rows needs a whole number of at least 1000.');
const chosen = (positionals.length ? positionals : Object.keys(parts)) as Part[];
for (const part of chosen) {
  if (!(part in parts))
    throw new Error(`Unknown benchmark "${part}"; choose from ${Object.keys(parts).join(', ')}.`);
}

for (const part of chosen) {
  console.log(`\n${part} (${rows.toLocaleString('en-US')} clicks)`);
  writeMetrics(part, await parts[part](rows));
}
