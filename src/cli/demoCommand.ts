/**
 * `demo` (`npm run demo`): a first run without an account, Electron or a network. The fake
 * Copernica API starts inside this process, its sample emailings are synced through the real
 * client into ./demo/demo.db, and each emailing's views and client report are exported beside
 * it; the command prints what it made and what to try next. A second run brings the same cache
 * up to date (nothing new) and writes the files again.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CopernicaClient } from '../backend/copernica/client';
import { openDatabase } from '../backend/db/open';
import { csvFormatFor } from '../backend/export/csvFormat';
import { type CommandView, exportFromCache } from '../backend/export/exportCommand';
import { sampleEmailings, startFakeCopernica } from '../backend/fakeApi/cli';
import { planSync, runSync } from '../backend/sync/runSync';
import type { ExportFormat } from '../shared/schemas/export';
import { userPath } from './arguments';
import { createProgressReporter } from './progressBar';
import { StoppedError, listenForStop } from './stopSignals';
import { count } from './syncMessages';
import { TOOL, UsageError, parse, wantsHelp } from './usage';

const DEMO_CLICKS = 20_000;
const DEMO_TOKEN = 'demo-token';
/**
 * The account's API base in the cache: the fake's address without its port, which changes from
 * run to run, so that a second demo brings the same account up to date instead of adding one.
 */
const DEMO_API_BASE = 'http://127.0.0.1/v2';

export const DEMO_HELP = `Usage: ${TOOL} demo [--folder FOLDER] [--clicks N]   (npm run demo)

Starts the fake Copernica API inside this process, syncs its sample emailings (${sampleEmailings(DEMO_CLICKS)
  .map((e) => e.id)
  .join(', ')}) into
FOLDER/demo.db and exports each one's clicks, links and profiles (CSV) and client report (xlsx)
into FOLDER. No account, no Electron and no network are needed.

  --folder FOLDER  where to write, default ./demo
  --clicks N       clicks of the largest sample emailing, default ${DEMO_CLICKS.toLocaleString('en-US')}
  --help           this text`;

const exports: { view: CommandView; format: ExportFormat }[] = [
  { view: 'clicks', format: 'csv' },
  { view: 'links', format: 'csv' },
  { view: 'profiles', format: 'csv' },
  { view: 'report', format: 'xlsx' },
];

export async function demoCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${DEMO_HELP}\n`);
    return 0;
  }
  const values = parse(args, {
    folder: { type: 'string', default: 'demo' },
    clicks: { type: 'string', default: String(DEMO_CLICKS) },
  });
  const clicks = Number(values.clicks);
  if (!Number.isInteger(clicks) || clicks < 0 || clicks > 5_000_000)
    throw new UsageError('--clicks takes a whole number from 0 to 5,000,000.');
  const folder = userPath(values.folder as string);
  mkdirSync(folder, { recursive: true });
  const dbPath = join(folder, 'demo.db');

  const fake = await startFakeCopernica({ port: 0, clicks, token: DEMO_TOKEN });
  const stop = listenForStop();
  try {
    const ids = sampleEmailings(clicks).map((e) => e.id);
    process.stderr.write(`Fake Copernica API at ${fake.url}, emailings ${ids.join(', ')}\n`);
    const client = new CopernicaClient({ baseUrl: fake.url, token: DEMO_TOKEN });
    const plan = await planSync(client, DEMO_API_BASE, ids, stop.signal);
    const db = openDatabase(dbPath);
    try {
      await runSync({
        db,
        source: client,
        plan,
        signal: stop.signal,
        onProgress: createProgressReporter(process.stderr),
      });
    } finally {
      db.close();
    }
    const made: string[] = [`${shown(dbPath)}  the cache (${ids.length} emailings, ${size(dbPath)})`];
    for (const id of ids) {
      for (const { view, format } of exports) {
        const out = join(folder, `${view}-${id}.${format}`);
        const { rows } = await exportFromCache({
          dbPath,
          emailingId: id,
          view,
          format,
          out,
          csv: csvFormatFor(undefined),
          signal: stop.signal,
        });
        const what = view === 'report' ? 'the client report' : count(rows, view.replace(/s$/, ''));
        made.push(`${shown(out)}  ${what} of emailing ${id} (${size(out)})`);
      }
    }
    process.stdout.write(
      `Made in ${shown(folder)}:\n${made.map((line) => `  ${line}`).join('\n')}\n` +
        `Next: npx ${TOOL} export --db ${shown(dbPath)} --emailing ${ids[1]} --view links --out -\n`,
    );
    return 0;
  } catch (error) {
    if (stop.received()) throw new StoppedError('stopped; run the demo again to finish it.', stop.exitCode());
    throw error;
  } finally {
    stop.dispose();
    await fake.close();
  }
}

/** A path as short as the user can type it: relative to where they are, when inside it. */
function shown(path: string): string {
  const from = relative(userPath('.'), path);
  return from === '' ? '.' : from.startsWith('..') ? path : `./${from}`;
}

function size(path: string): string {
  const bytes = statSync(path).size;
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
