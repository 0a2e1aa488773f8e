/**
 * A first sync killed at any moment of its bulk load (pages written without summaries, the
 * end-of-load index builds, the summary rebuild), then resumed: every summary row must equal the
 * GROUP BY aggregate of the cached clicks. The kill is simulated in-process: from the chosen
 * moment on, the connection refuses all new work (no prepare, exec or pragma), so the sync's own
 * cleanup cannot run either, as after a SIGKILL; the file is then closed and opened again.
 * One real SIGKILL of the CLI in the middle of a bulk load closes the file.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { missingGridIndexes } from '../../src/backend/db/gridIndexes';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { type ClicksSource, syncEmailingClicks } from '../../src/backend/sync/syncEmailingClicks';
import { cachedClicks, emailingKeyOf, serverClicks } from '../helpers/cacheContents';
import { runCli } from '../helpers/runCli';
import { summariesAndAggregates } from '../helpers/summaryAggregates';
import { useTempDir } from '../helpers/tempDir';
import { seedEmailing } from '../helpers/seedEmailing';

const tempDir = useTempDir();
const CLICKS = 5000;
const PAGE = 500;
const bulkLoad = { minRows: 1000 };
let fake: FakeCopernica;
let client: CopernicaClient;

beforeEach(async () => {
  fake = await createFakeCopernica({ tokens: ['t'], emailings: [{ id: 1, clicks: CLICKS }] });
  client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
});
afterEach(() => fake.close());

class Killed extends Error {}

/** From kill() on, the connection takes no new work, as a killed process would do none. */
function killable(db: Database.Database, dieAt: (what: string) => boolean) {
  let dead = false;
  const kill = (): never => {
    dead = true;
    throw new Killed('killed');
  };
  const guard =
    <A extends unknown[], R>(method: (...args: A) => R) =>
    (...args: A): R => {
      if (dead || dieAt(String(args[0]))) kill();
      return method.apply(db, args);
    };
  db.prepare = guard(db.prepare) as typeof db.prepare;
  db.exec = guard(db.exec) as typeof db.exec;
  db.pragma = guard(db.pragma) as typeof db.pragma;
  return { kill, isDead: () => dead };
}

function emailingIn(db: Database.Database): number {
  return seedEmailing(db, fake.url, 1);
}

const sync = (db: Database.Database, key: number, source: ClicksSource = client) =>
  syncEmailingClicks({
    db,
    source,
    emailingKey: key,
    emailingId: 1,
    timeZone: 'Europe/Amsterdam',
    pageSize: PAGE,
    bulkLoad,
  });

interface KillPoint {
  name: string;
  /** Dies when the sync asks for this offset. */
  atStart?: number;
  /** Dies at the n-th statement text (prepare, exec or pragma) that contains this. */
  atStatement?: { contains: string; nth: number };
}

const killPoints: KillPoint[] = [
  ...[1, 2, 5, 9].map((page) => ({ name: `asking for page ${page}`, atStart: page * PAGE })),
  ...[1, 4, 8].map((nth) => ({
    name: `at grid index build ${nth} of 8`,
    atStatement: { contains: 'CREATE INDEX', nth },
  })),
  {
    name: 'in the summary rebuild, before it reads',
    atStatement: { contains: 'SELECT link, profile, ts_local', nth: 1 },
  },
  {
    name: 'in the summary rebuild, after the link totals',
    atStatement: { contains: 'INSERT INTO profile_stats', nth: 1 },
  },
  {
    name: 'in the summary rebuild, at its last write',
    atStatement: { contains: 'UPDATE sync_state SET rows', nth: 1 },
  },
  { name: 'after the summary rebuild committed', atStatement: { contains: 'optimize', nth: 1 } },
];

describe('a first sync killed during its bulk load, then resumed', () => {
  for (const point of killPoints) {
    it(`leaves every summary equal to GROUP BY over the clicks when killed ${point.name}`, async () => {
      const path = join(tempDir(), 'cache.db');
      const db = openDatabase(path);
      const key = emailingIn(db);
      let seen = 0;
      const { kill, isDead } = killable(db, (what) => {
        if (!point.atStatement || !what.includes(point.atStatement.contains)) return false;
        seen += 1;
        return seen === point.atStatement.nth;
      });
      const dying: ClicksSource = {
        clicksPage: (id, query, signal) =>
          query.start === point.atStart ? Promise.reject(kill()) : client.clicksPage(id, query, signal),
      };
      // The sync's cleanup meets the dead connection too: it logs that, and rejects with the
      // error that stopped it.
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await expect(sync(db, key, dying)).rejects.toThrow();
      logged.mockRestore();
      expect(isDead()).toBe(true);
      db.close();

      const reopened = openDatabase(path);
      try {
        await sync(reopened, key);
        expect(cachedClicks(reopened, key)).toEqual(serverClicks(fake, 1));
        const { summaries, aggregates } = summariesAndAggregates(reopened, key);
        expect(summaries).toEqual(aggregates);
        expect(reopened.prepare('SELECT summaries_stale FROM sync_state').pluck().get()).toBe(0);

        // Later refreshes keep them right.
        fake.appendClicks(1, 700);
        await sync(reopened, key);
        const after = summariesAndAggregates(reopened, key);
        expect(after.summaries).toEqual(after.aggregates);
        expect(after.aggregates.profiles.reduce((n, p) => n + (p.clicks as number), 0)).toBe(CLICKS + 700);
      } finally {
        reopened.close();
      }
    });
  }

  it('a sync mends summaries that disagree with the cached clicks, whatever left them so', async () => {
    const db = openDatabase(':memory:');
    try {
      const key = emailingIn(db);
      await sync(db, key);
      // As a version of the app before this check left them after a killed bulk load.
      db.prepare(
        'DELETE FROM link_stats WHERE emailing_id = ? AND link > (SELECT MIN(link) FROM link_stats)',
      ).run(key);
      db.prepare('UPDATE profile_stats SET clicks = 1, unique_links = 1 WHERE emailing_id = ?').run(key);
      await sync(db, key);
      const { summaries, aggregates } = summariesAndAggregates(db, key);
      expect(summaries).toEqual(aggregates);
    } finally {
      db.close();
    }
  });
});

describe('pages committed in groups', () => {
  it("a refresh killed between two pages of a commit group resumes at the group's first page, exactly", async () => {
    const path = join(tempDir(), 'grouped.db');
    const db = openDatabase(path);
    const key = emailingIn(db);
    await sync(db, key);
    fake.appendClicks(1, 3000);

    // Groups of three pages, never cut by time. The run's first page (offset 0) is committed
    // alone; pages 500 and 1000 are then held for the group that page 1500 would fill. The
    // "kill" comes when page 1000 is held: the request after it (2000) is sent, and neither it
    // nor 1500 is ever answered; the connection is closed as a killed process leaves it.
    let held!: () => void;
    const bothHeld = new Promise<void>((resolve) => (held = resolve));
    const hanging: ClicksSource = {
      clicksPage: (id, query, signal) => {
        if (query.start === 2000) held();
        if (query.start >= 1500) return new Promise(() => undefined);
        return client.clicksPage(id, query, signal);
      },
    };
    const committedRows: number[] = [];
    void syncEmailingClicks({
      db,
      source: hanging,
      emailingKey: key,
      emailingId: 1,
      timeZone: 'Europe/Amsterdam',
      pageSize: PAGE,
      bulkLoad,
      commitGroup: { rows: 3 * PAGE, ms: 3_600_000 },
      onProgress: (p) => {
        if (p.phase === 'fetching') committedRows.push(p.rows);
      },
    });
    await bothHeld;

    // What another connection sees is what a kill now would leave: the first page only.
    const seen = new Database(path, { readonly: true });
    const state = seen
      .prepare('SELECT rows, run_next_start AS next FROM sync_state WHERE emailing_id = ?')
      .get(key) as { rows: number; next: number };
    const cached = cachedClicks(seen, key).length;
    seen.close();
    expect(state.next).toBe(PAGE);
    // The first page brought the clicks of the watermark second again and new ones after them.
    expect(state.rows).toBe(cached);
    expect(cached).toBeGreaterThan(CLICKS);
    expect(cached).toBeLessThanOrEqual(CLICKS + PAGE);
    expect(committedRows).toEqual([PAGE]);
    db.close();

    const reopened = openDatabase(path);
    try {
      fake.resetStats();
      const resumed = await sync(reopened, key);
      expect(resumed).toMatchObject({ resumed: true, incremental: true });
      const firstOfRun = fake.requests.find((r) => r.path.endsWith('/clicks'));
      expect(firstOfRun?.query.get('start')).toBe(String(PAGE));
      expect(cachedClicks(reopened, key)).toEqual(serverClicks(fake, 1));
      const { summaries, aggregates } = summariesAndAggregates(reopened, key);
      expect(summaries).toEqual(aggregates);
      // And a second sync changes nothing.
      expect(await sync(reopened, key)).toMatchObject({ inserted: 0, cachedRows: CLICKS + 3000 });
    } finally {
      reopened.close();
    }
  });
});

it('a CLI sync SIGKILLed in the middle of a bulk load resumes with every summary right', async () => {
  // The CLI bulk-loads first syncs of at least 50,000 clicks (defaultBulkLoad).
  const big = await createFakeCopernica({ tokens: ['k'], emailings: [{ id: 9, clicks: 60_000 }] });
  try {
    const path = join(tempDir(), 'killed.db');
    const args = ['sync', '--base-url', big.url, '--token', 'k', '--emailing', '9', '--db', path];
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
        stdio: 'ignore',
      });
      big.onRequest = (info) => {
        if (info.path.endsWith('/clicks') && info.query.get('start') === '30000') child.kill('SIGKILL');
      };
      child.once('error', reject);
      child.once('exit', (_code, s) => resolve(s));
    });
    expect(signal).toBe('SIGKILL');
    const killed = new Database(path, { readonly: true });
    // Killed during the load: the grid indexes are gone and the summaries marked untrusted.
    expect(missingGridIndexes(killed)).toHaveLength(8);
    expect(killed.prepare('SELECT summaries_stale FROM sync_state').pluck().get()).toBe(1);
    killed.close();

    expect((await runCli(args)).code).toBe(0);
    const check = new Database(path, { readonly: true });
    try {
      const key = emailingKeyOf(check, 9);
      expect(check.prepare('SELECT COUNT(*) FROM clicks').pluck().get()).toBe(60_000);
      const { summaries, aggregates } = summariesAndAggregates(check, key);
      expect(summaries).toEqual(aggregates);
    } finally {
      check.close();
    }
  } finally {
    big.onRequest = undefined;
    await big.close();
  }
}, 120_000);
