/**
 * Ctrl-C (SIGINT) and `kill` (SIGTERM) stop the work in hand gracefully: the signal aborts it,
 * the command keeps what was done (a sync commits the pages it received) and ends with
 * 128 + the signal's number, as a shell reports a process the signal killed (130, 143), so cron
 * and scripts see it was stopped. A second signal ends the process at once: SQLite's journal
 * keeps the cache whole whatever the moment.
 */
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

export function exitCodeFor(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
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
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => exitCodeFor(received ?? 'SIGINT'),
    dispose: () => {
      for (const name of stopSignals) process.off(name, onSignal);
    },
  };
}
