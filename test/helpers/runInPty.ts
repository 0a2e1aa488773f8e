import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { cliBin } from './runCli';

export interface PtyRun {
  /** Types Ctrl-C on the terminal (SIGINT to its foreground process group). */
  interrupt(): void;
  /** Sends SIGTERM to the command, as `kill PID` does. */
  terminate(): void;
  /** What the terminal showed so far (stdout and stderr together, with the bar's redraws). */
  output(): string;
  /** Resolves when the command ended: its exit code (128 + signal if one killed it) and output. */
  done: Promise<{ code: number; output: string }>;
}

/** Runs the compiled CLI in a pseudo-terminal (test/helpers/ptyRun.py, python3's pty module). */
export function runCliInPty(args: string[], env: Record<string, string> = {}): PtyRun {
  const child = spawn('python3', [resolve('test/helpers/ptyRun.py'), process.execPath, cliBin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  const done = new Promise<{ code: number; output: string }>((resolveDone, reject) => {
    child.once('error', reject);
    child.once('exit', () => {
      const match = /\n\[exit (\d+)\]\n$/.exec(text);
      if (!match) return reject(new Error(`the pty runner ended without an exit line:\n${text}`));
      resolveDone({ code: Number(match[1]), output: text.slice(0, match.index) });
    });
  });
  return {
    interrupt: () => child.stdin.write('INT\n'),
    terminate: () => child.stdin.write('TERM\n'),
    output: () => text,
    done,
  };
}
