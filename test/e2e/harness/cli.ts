/**
 * Runs the command-line tool as a user (or cron) would: a separate process writing to the same
 * SQLite file the harness's backend reads. Asynchronous on purpose: the fake Copernica server
 * answering it lives in the test's own process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliSync {
  baseUrl: string;
  token: string;
  emailingIds: number[];
  databasePath: string;
  /** More options for `sync`, such as `--profiles`. */
  extraArgs?: string[];
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function runCliSync({
  baseUrl,
  token,
  emailingIds,
  databasePath,
  extraArgs,
}: CliSync): Promise<CliRun> {
  const args = ['--import', 'tsx', 'src/cli/index.ts', 'sync', '--base-url', baseUrl, '--token', token];
  for (const id of emailingIds) args.push('--emailing', String(id));
  args.push('--db', databasePath, ...(extraArgs ?? []));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: repoRoot, timeout: 180_000 }, (error, stdout, stderr) => {
      // A non-zero exit is an answer (the test may expect a failed sync); not starting is not.
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
