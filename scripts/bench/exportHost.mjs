// A host process for one export: it starts the export in a worker thread (exportWorker.mjs) and
// meanwhile watches its own event loop, the way Electron's main thread shares a process with the
// backend worker. A fresh process per export makes its peak RSS that export's own (the figure
// covers this thread too, so it is an upper bound). Plain JavaScript, and the worker is a bundle
// (export.ts builds it with esbuild, as the app's build does), so no TypeScript loader runs here.
// The lag is watched from the moment the worker starts exporting. With the format `control` the worker only burns CPU for
// five seconds: the lag this machine shows beside any busy worker, the floor to read the export's
// lag against. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { Worker } from 'node:worker_threads';

const [databasePath, emailingKey, format, out, workerFile] = process.argv.slice(2);

const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
const lag = monitorEventLoopDelay({ resolution: 10 });
// A timer that must fire every 10 ms: how late it fires is what a window would feel.
let worstTick = 0;
let last = 0;
let ticker;
function watch() {
  lag.enable();
  last = performance.now();
  ticker = setInterval(() => {
    const now = performance.now();
    worstTick = Math.max(worstTick, now - last - 10);
    last = now;
  }, 10);
}
const result = await new Promise((resolve, reject) => {
  const worker =
    format === 'control'
      ? new Worker(
          `const { parentPort } = require('node:worker_threads');
           parentPort.postMessage({ started: true });
           const started = performance.now();
           let x = 0;
           while (performance.now() - started < 5000) x += Math.sqrt(x + 1);
           parentPort.postMessage({ rows: 0, ms: performance.now() - started });`,
          { eval: true },
        )
      : new Worker(workerFile, {
          workerData: { databasePath, emailingKey: Number(emailingKey), format, out },
        });
  worker.on('message', (message) => (message.started ? watch() : resolve(message)));
  worker.once('error', reject);
  worker.once('exit', (code) => reject(new Error(`The export worker exited with code ${code}.`)));
});
lag.disable();
clearInterval(ticker);
process.stdout.write(
  `${JSON.stringify({
    ...result,
    peakRssMb: peakRssMb(),
    baselineRssMb,
    maxLagMs: Math.max(lag.max / 1e6 - 10, worstTick),
    p99LagMs: Math.max(0, lag.percentile(99) / 1e6 - 10),
  })}\n`,
);
process.exit(0);

/**
 * This process's own peak. getrusage's maxRSS survives execve on Linux, so a child spawned by a
 * large benchmark process reports the parent's size; /proc's VmHWM starts afresh at exec.
 */
function peakRssMb() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS / 1024;
}
