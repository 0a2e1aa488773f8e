/**
 * `npm run demo` in a fresh copy of the repository (its tracked files, node_modules as installed),
 * started from another folder: no account, no Electron, no network; it makes ./demo there.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleEmailings } from '../../src/backend/fakeApi/cli';
import { runNpmScript } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();

describe('npm run demo', () => {
  it('syncs the sample emailings into ./demo/demo.db, exports each view and the report there, and lists them', async () => {
    const clone = join(tempDir(), 'copernica-clicks');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file !== '' && existsSync(file));
    for (const file of files) {
      mkdirSync(join(clone, dirname(file)), { recursive: true });
      cpSync(file, join(clone, file));
    }
    symlinkSync(join(process.cwd(), 'node_modules'), join(clone, 'node_modules'));
    const user = tempDir();

    const run = await runNpmScript(clone, 'demo', [], user);
    expect(run.code, run.stderr).toBe(0);
    const ids = sampleEmailings(20_000).map((e) => e.id);
    const expected = [
      'demo.db',
      ...ids.flatMap((id) =>
        ['clicks', 'links', 'profiles'].map((v) => `${v}-${id}.csv`).concat(`report-${id}.xlsx`),
      ),
    ];
    const made = readdirSync(join(user, 'demo'));
    for (const file of expected) {
      expect(made).toContain(file);
      expect(run.stdout).toContain(`./demo/${file}`);
    }
    expect(run.stdout).toContain('20,000 clicks of emailing 1001');
    expect(run.stderr).toContain(`emailings ${ids.join(', ')}`);
    expect(existsSync(join(clone, 'demo'))).toBe(false);

    // A second run brings the same account up to date.
    const again = await runNpmScript(clone, 'demo', [], user);
    expect(again.code, again.stderr).toBe(0);
    const db = new Database(join(user, 'demo', 'demo.db'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM accounts').pluck().get()).toBe(1);
    expect(
      db
        .prepare('SELECT copernica_emailing_id AS id, COUNT(*) AS n FROM api_clicks GROUP BY 1 ORDER BY 1')
        .all(),
    ).toEqual(sampleEmailings(20_000).map((e) => ({ id: e.id, n: e.clicks })));
    db.close();
  }, 120_000);
});
