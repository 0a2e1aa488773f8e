/**
 * A stopped export, in a terminal: the message starts on a line of its own (not after the
 * progress it interrupted), no file is left, and the exit code names the signal.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { runCli } from '../helpers/runCli';
import { runCliInPty } from '../helpers/runInPty';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const fake = useFakeCopernica({ tokens: ['stop-token'], emailings: [{ id: 840, clicks: 30_000 }] });
let db = '';
beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'copernica-export-stop-')), 'cache.db');
  const run = await runCli([
    'sync',
    '--base-url',
    fake().url,
    '--token',
    'stop-token',
    '--emailing',
    '840',
    '--db',
    db,
  ]);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

describe.each([
  ['Ctrl-C', 'interrupt', 130],
  ['SIGTERM', 'terminate', 143],
] as const)('an export stopped by %s', (_, send, exitCode) => {
  it('says so on its own line after the progress, writes no file, and exits with the code', async () => {
    const dir = tempDir();
    const run = runCliInPty([
      'export',
      '--db',
      db,
      '--emailing',
      '840',
      '--view',
      'report',
      '--out',
      join(dir, 'r.xlsx'),
    ]);
    await expect.poll(() => run.output(), { timeout: 20_000, interval: 20 }).toContain('Exporting…');
    run[send]();
    const { code, output } = await run.done;
    expect(code, output).toBe(exitCode);
    // The progress line ends in "rows" and an erase to the end of the line; the message follows
    // a line break (the terminal writes each as CR LF).
    expect(output.replaceAll('\r', '')).toContain(
      'rows\u001b[K\ncopernica-clicks: stopped; the export was cancelled and no file was written.\n',
    );
    expect(output.endsWith('written.\r\n')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
