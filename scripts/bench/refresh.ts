/**
 * Incremental refreshes as cron runs them: one emailing grown to N clicks in 100 refreshes of
 * N/100 each (the first one its first sync), through the backend worker exactly as the app runs
 * it, against the fake API in a child process that appends the new clicks between refreshes.
 * A refresh must cost what it brings, not what is cached: the last refreshes' rate must stay
 * near the first ones' (the figures are medians of three refreshes, one refresh is noisy).
 * Beside the wall-clock rates, the CPU this process (host and worker) spent per refresh, the
 * fake server's excluded: on a machine shared with other work the wall clock mostly measures
 * the load, which is printed beside the figures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { BackendHost } from '../../src/backend/host';
import { builtWorkerPath } from './builtWorker';
import { BENCH_EMAILING_ID } from './fillCache';
import { median, type Metric } from './metrics';

const REFRESHES = 100;
/** Each refresh's clicks arrive in this many runs, a second apart (a watermark second repeats). */
const RUNS_PER_REFRESH = 10;
const TOKEN = 'bench-token';

export async function benchRefresh(rows: number): Promise<Metric[]> {
  // A whole number of clicks per run of every refresh.
  const batch = Math.floor(rows / (REFRESHES * RUNS_PER_REFRESH)) * RUNS_PER_REFRESH;
  const dir = mkdtempSync(join(tmpdir(), 'copernica-bench-'));
  const server = await startAppendingServer(batch);
  const host = await BackendHost.start({
    databasePath: join(dir, 'refresh.db'),
    workerPath: builtWorkerPath(),
  });
  try {
    const rates: number[] = [];
    const cpuRates: number[] = [];
    const loads: number[] = [];
    for (let refresh = 0; refresh < REFRESHES; refresh++) {
      if (refresh > 0) await server.append(RUNS_PER_REFRESH, batch / RUNS_PER_REFRESH);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const outcome = await host.sync({ apiBase: server.url, token: TOKEN, emailingIds: [BENCH_EMAILING_ID] })
        .result;
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      if (!outcome.ok) throw new Error(`Refresh ${refresh + 1} failed: ${outcome.error.message}`);
      const result = outcome.value.emailings[0];
      if (result?.inserted !== batch || result.cachedRows !== batch * (refresh + 1))
        throw new Error(`Refresh ${refresh + 1} cached ${result?.inserted} new clicks, expected ${batch}.`);
      rates.push(batch / seconds);
      cpuRates.push(batch / ((cpu.user + cpu.system) / 1e6));
      loads.push(loadavg()[0] as number);
      if ((refresh + 1) % 10 === 0)
        console.log(
          `  refresh ${refresh + 1}: ${Math.round(batch / seconds).toLocaleString('en-US')} clicks/s, ` +
            `${Math.round(cpuRates.at(-1) as number).toLocaleString('en-US')} per CPU second, ` +
            `load average ${(loads.at(-1) as number).toFixed(2)}`,
        );
    }
    const first = median(rates.slice(0, 3));
    const last = median(rates.slice(-3));
    const cores = availableParallelism();
    const batchText = batch.toLocaleString('en-US');
    return [
      {
        metric: 'refresh_first_rows_per_s',
        value: Math.round(first),
        unit: 'rows/s',
        note: `refreshes 1–3 of ${batchText} new clicks (median), the emailing up to ${(3 * batch).toLocaleString('en-US')}`,
      },
      {
        metric: 'refresh_last_rows_per_s',
        value: Math.round(last),
        unit: 'rows/s',
        note: `refreshes 98–100 (median), the emailing up to ${(REFRESHES * batch).toLocaleString('en-US')}`,
      },
      {
        metric: 'refresh_ratio',
        value: Number((last / first).toFixed(3)),
        unit: 'ratio',
        note: 'last / first, must be ≥ 0.7',
      },
      {
        metric: 'refresh_min_rows_per_s',
        value: Math.round(Math.min(...rates)),
        unit: 'rows/s',
        note: 'the slowest of the 100 refreshes, must be ≥ 20,000',
      },
      {
        metric: 'refresh_last_rows_per_cpu_s',
        value: Math.round(median(cpuRates.slice(-3))),
        unit: 'rows/s',
        note: 'refreshes 98–100 per CPU second of host + worker (median), the fake server excluded',
      },
      {
        metric: 'refresh_load_average',
        value: Number(median(loads).toFixed(2)),
        unit: 'load',
        note: `median 1-minute load average during the refreshes, on ${cores} cores`,
      },
    ];
  } finally {
    await host.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface AppendingServer {
  url: string;
  append(runs: number, size: number): Promise<void>;
  stop(): Promise<void>;
}

async function startAppendingServer(clicks: number): Promise<AppendingServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/appendingFakeServer.ts', '--clicks', String(clicks), '--token', TOKEN],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: Interface = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  let exited: Error | null = null;
  child.once('exit', (code) => {
    exited = new Error(`The fake API exited (code ${code}).`);
    for (const fail of waiting.splice(0)) fail('');
  });
  const nextLine = async (): Promise<string> => {
    const line = await new Promise<string>((resolve) => waiting.push(resolve));
    if (exited) throw exited;
    return line;
  };
  const url = (await nextLine()).replace(/^listening /, '');
  return {
    url,
    async append(runs, size) {
      const answer = nextLine();
      child.stdin?.write(`append ${runs} ${size}\n`);
      await answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
        child.kill('SIGTERM');
      }),
  };
}
