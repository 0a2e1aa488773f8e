/**
 * Security 2 and 5 in the command-line tool: the token never goes over plain http to another
 * computer, and it can come from a private file instead of the command line.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const TOKEN = 'file-token-4b7e';
const tempDir = useTempDir();
let fake: FakeCopernica;

beforeAll(async () => {
  fake = await createFakeCopernica({ tokens: [TOKEN], emailings: [{ id: 800, clicks: 40 }] });
});
afterAll(() => fake.close());

const sync = (db: string, ...more: string[]) =>
  runCli(['sync', '--emailing', '800', '--db', db, '--retries', '0', ...more]);

function tokenFile(content: string, mode: number): string {
  const file = join(tempDir(), 'copernica.token');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

/** A plain GET from this process: proves the address reaches the recording server. */
function reaches(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, (response) => {
      response.resume();
      response.on('end', () => resolve(true));
    }).on('error', () => resolve(false));
  });
}

describe('--base-url over plain http', () => {
  it('exits 2 for http://example.com/v2 before any request, and opens no cache', async () => {
    const db = join(tempDir(), 'cache.db');
    const run = await sync(db, '--base-url', 'http://example.com/v2', '--token', TOKEN);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unencrypted; use https:\/\//);
    expect(run.stderr).not.toContain(TOKEN);
    expect(existsSync(db)).toBe(false);
  });

  it('exits 2 for a plain-http address that is not loopback by name, though it reaches this machine', async () => {
    // 0.0.0.0 connects to this machine on Linux and macOS, yet it is no loopback address: the
    // recording server sees a request to it from this test, and none from the CLI.
    const address = fake.url.replace('127.0.0.1', '0.0.0.0');
    fake.requests.length = 0;
    expect(await reaches(`${address}/identity?access_token=probe`)).toBe(true);
    expect(fake.requests).toHaveLength(1);
    fake.requests.length = 0;
    const db = join(tempDir(), 'cache.db');
    const run = await sync(db, '--base-url', address, '--token', TOKEN);
    expect(run.code).toBe(2);
    expect(fake.requests).toHaveLength(0);
    expect(existsSync(db)).toBe(false);
  });

  it('still syncs over http from loopback, and tries https to any host the user typed', async () => {
    const db = join(tempDir(), 'cache.db');
    expect((await sync(db, '--base-url', fake.url, '--token', TOKEN)).code).toBe(0);
    const elsewhere = await sync(
      join(tempDir(), 'other.db'),
      '--base-url',
      'https://127.0.0.1:9/v2',
      '--token',
      TOKEN,
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(/Could not reach 127\.0\.0\.1:9/);
  });
});

describe('--token-file', () => {
  it('reads the token from a file only its owner can read, trailing newline trimmed', async () => {
    const db = join(tempDir(), 'cache.db');
    const run = await sync(db, '--base-url', fake.url, '--token-file', tokenFile(`${TOKEN}\n`, 0o600));
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Synced 1 emailing of "Development": 40 new clicks/);
    expect(fake.requests.at(-1)?.query.get('access_token')).toBe(TOKEN);
  });

  it.each([
    [
      'readable by others (0644)',
      () => tokenFile(`${TOKEN}\n`, 0o644),
      /can be read by other users \(mode 0644\).*chmod 600/,
    ],
    ['readable by its group (0640)', () => tokenFile(`${TOKEN}\n`, 0o640), /mode 0640/],
    [
      'missing',
      () => join(tempDir(), 'no-such.token'),
      /Cannot read the token file .*no-such\.token: there is no such file/,
    ],
    [
      'a folder',
      () => {
        const dir = join(tempDir(), 'token-dir');
        mkdirSync(dir, { mode: 0o700 });
        return dir;
      },
      /is not a regular file/,
    ],
    ['empty', () => tokenFile('\n', 0o600), /is empty/],
  ])(
    'refuses a token file that is %s with a usage error, exit 2, and no request',
    async (_, file, message) => {
      const before = fake.requests.length;
      const run = await sync(join(tempDir(), 'cache.db'), '--base-url', fake.url, '--token-file', file());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(/ See copernica-clicks sync --help\.$/);
      expect(run.stderr).not.toContain(TOKEN);
      expect(fake.requests.length).toBe(before);
    },
  );

  it('refuses --token together with --token-file', async () => {
    const run = await sync(
      join(tempDir(), 'cache.db'),
      '--token',
      TOKEN,
      '--token-file',
      tokenFile(TOKEN, 0o600),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not both/);
  });

  it('says in its help to prefer --token-file or COPERNICA_TOKEN over --token', async () => {
    const run = await runCli(['sync', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/prefer --token-file or COPERNICA_TOKEN/);
  });
});
