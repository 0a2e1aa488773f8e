/**
 * Ctrl-C (SIGINT) and `kill` (SIGTERM) stop the work in hand gracefully: the signal aborts it,
 * the command keeps what was done (a sync commits the pages it received) and ends with
 * 128 + the signal's number, as a shell reports a process the signal killed (130, 143), so cron
 * and scripts see it was stopped. A second signal ends the process at once: SQLite's journal
 * keeps the cache whole whatever the moment.
 *
 * `npm run` and `npx` end on SIGTERM without passing it on, and the script they started would go
 * on, orphaned, and print its summary later: under npm, the end of npm counts as a SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

/** The work stopped on a signal; the message says what was kept. */
export class StoppedError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface StopSignals {
  readonly signal: AbortSignal;
  /** The signal that stopped the work, once one came. */
  received(): NodeJS.Signals | null;
  /** 128 + the received signal's number. */
  exitCode(): number;
  dispose(): void;
}

const stopSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
/** How often a process npm started checks that npm is still there. */
const PARENT_CHECK_MS = 200;

export function exitCodeFor(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/**
 * The process that started this one: the parent, or the parent's parent when a shell sits between
 * (npm runs a script through `sh -c`). Linux says through /proc; elsewhere, the parent.
 */
function launcher(): number {
  try {
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const grandparent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (/^(sh|dash|bash|zsh)$/.test(name) && grandparent > 1) return grandparent;
  } catch {
    // No /proc: the parent it is.
  }
  return process.ppid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function listenForStop(): StopSignals {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== null) process.exit(exitCodeFor(received));
    received = signal;
    controller.abort();
  };
  for (const name of stopSignals) process.on(name, onSignal);
  const npm = process.env.npm_lifecycle_event === undefined ? null : launcher();
  const orphaned =
    npm === null
      ? undefined
      : setInterval(() => {
          if (isAlive(npm)) return;
          clearInterval(orphaned);
          onSignal('SIGTERM');
        }, PARENT_CHECK_MS).unref();
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => exitCodeFor(received ?? 'SIGINT'),
    dispose: () => {
      clearInterval(orphaned);
      for (const name of stopSignals) process.off(name, onSignal);
    },
  };
}
