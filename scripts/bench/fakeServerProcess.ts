/**
 * Runs the fake Copernica API in a child process, as a real server would be: its CPU is not the
 * benchmark's, and its memory is not counted in the benchmark's peak RSS.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface FakeServerProcess {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Publisher emailing 1001 gets `clicks`, Marketing Suite emailing 1001 `msClicks`. */
export async function startFakeServerProcess(clicks: number, msClicks = 2_000): Promise<FakeServerProcess> {
  const token = 'bench-token';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/index.ts',
      'fake-api',
      '--port',
      '0',
      '--clicks',
      String(clicks),
      '--ms-clicks',
      String(msClicks),
      '--token',
      token,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/v2)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`The fake API exited (code ${code}) before it listened.`)));
  });
  return {
    url,
    token,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
