import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The compiled `bin` (built by test/helpers/buildCliBin.ts before the tests). */
export const cliBin = resolve('out/cli/copernica-clicks.mjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** What a child started with piped output wrote, and how it ended; rejects if it could not start. */
function outcomeOf(child: ChildProcess): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the compiled command-line tool as a user would (`npx copernica-clicks …`), in `cwd`. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<CliRun> {
  return outcomeOf(
    spawn(process.execPath, [cliBin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd ? { cwd: options.cwd } : {}),
    }),
  );
}

/** `npm run -s SCRIPT -- ARGS` of the project at `prefix`, started in `cwd` as a user would type it there. */
export function runNpmScript(prefix: string, script: string, args: string[], cwd: string): Promise<CliRun> {
  const command = ['--prefix', prefix, 'run', '-s', script, ...(args.length > 0 ? ['--', ...args] : [])];
  return outcomeOf(spawn('npm', command, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
}
