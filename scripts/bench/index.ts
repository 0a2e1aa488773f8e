/**
 * `npm run bench [-- ingest|app|export|refresh|figures|report|profiles] [-- --rows N]`: prints the figures the issues name, each beside the
 * floor measured in the same run, and writes them to bench-results/<part>.json. `profiles` counts
 * clicking profiles, not clicks: `--clickers N --database-profiles N` (default 50,000 of 500,000).
 */
import { parseArgs } from 'node:util';
import { benchApp } from './app';
import { benchExport } from './export';
import { benchBotFigures } from './botFigures';
import { benchFigures } from './figures';
import { benchIngest } from './ingest';
import { benchRefresh } from './refresh';
import { benchReport } from './report';
import { DEFAULT_PROFILES_BENCH, benchProfiles } from './profiles';
import { writeMetrics } from './metrics';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rows: { type: 'string', default: '1000000' },
    clickers: { type: 'string', default: String(DEFAULT_PROFILES_BENCH.clickers) },
    'database-profiles': { type: 'string', default: String(DEFAULT_PROFILES_BENCH.databaseProfiles) },
  },
  allowPositionals: true,
});
const profilesSize = {
  clickers: Number(values.clickers),
  databaseProfiles: Number(values['database-profiles']),
};
if (
  !Number.isSafeInteger(profilesSize.clickers) ||
  !Number.isSafeInteger(profilesSize.databaseProfiles) ||
  profilesSize.clickers < 1 ||
  profilesSize.clickers > profilesSize.databaseProfiles
)
  throw new Error('--clickers needs a whole number from 1 to --database-profiles.');

const parts = {
  ingest: benchIngest,
  app: benchApp,
  export: benchExport,
  refresh: benchRefresh,
  report: benchReport,
  // The key figures (figures.ts) and the bot verdicts and devices (botFigures.ts) in one figures.json.
  figures: async (rows: number) => [...(await benchFigures(rows)), ...(await benchBotFigures(rows))],
  profiles: () => benchProfiles(profilesSize),
} as const;
type Part = keyof typeof parts;

const rows = Number(values.rows);
if (!Number.isSafeInteger(rows) || rows < 1000)
  throw new Error('--rows needs a whole number of at least 1000.');
const chosen = (positionals.length ? positionals : Object.keys(parts)) as Part[];
for (const part of chosen) {
  if (!(part in parts))
    throw new Error(`Unknown benchmark "${part}"; choose from ${Object.keys(parts).join(', ')}.`);
}

for (const part of chosen) {
  const size =
    part === 'profiles'
      ? `${profilesSize.clickers.toLocaleString('en-US')} clicking profiles of ${profilesSize.databaseProfiles.toLocaleString('en-US')}`
      : `${rows.toLocaleString('en-US')} clicks`;
  console.log(`\n${part} (${size})`);
  writeMetrics(part, await parts[part](rows));
}
