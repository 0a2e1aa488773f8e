import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingGridIndexes } from '../../src/backend/db/gridIndexes';
import { latestSchemaVersion, migrate, migrations, schemaVersionOf } from '../../src/backend/db/migrations';
import { openDatabase } from '../../src/backend/db/open';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();

function tables(db: Database.Database): string[] {
  return (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

function clickIndexes(db: Database.Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'clicks'`)
    .pluck()
    .all() as string[];
}

/** A cache at schema `version` holding account 1, its emailing 1, and what `rows` inserts. */
function cacheAt(version: number, rows: string): Database.Database {
  const db = new Database(':memory:');
  migrate(db, version);
  db.exec(`
    INSERT INTO accounts (id, label, api_base, remote_id, created_at) VALUES (1, 'a', 'b', 1, 'now');
    INSERT INTO emailings (id, account_id, remote_id) VALUES (1, 1, 10);
    ${rows}`);
  return db;
}

describe('migrations', () => {
  it('are numbered in ascending order', () => {
    // Gaps are allowed while branches hold numbers of their own; the merge renumbers them.
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(versions[0]).toBe(1);
  });

  it('build the whole schema in an empty file, with the pragmas the cache relies on', () => {
    const path = join(tempDir(), 'nested', 'cache.db');
    const db = openDatabase(path);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    expect(tables(db)).toEqual([
      'accounts',
      'agent_devices',
      'bot_clicks',
      'bot_rules',
      'click_figures',
      'click_tallies',
      'clicks',
      'copernica_statistics',
      'database_fields',
      'destination_links',
      'destination_tallies',
      'emailings',
      'link_profiles',
      'link_stats',
      'links',
      'profile_fetch_state',
      'profile_settings',
      'profile_stats',
      'profiles',
      'subprofiles',
      'sync_state',
      'tally_keys',
      'texts',
      'verdict_state',
    ]);
    expect(missingGridIndexes(db)).toEqual([]);
    // The primary key (emailing_id, id) is the click-ID order: no index repeats it.
    expect(clickIndexes(db)).not.toContain('clicks_by_emailing');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('run from each earlier version up to the latest', () => {
    // Versions may have gaps (branches are numbered apart and renumbered when merged).
    for (const from of [0, ...migrations.slice(0, -1).map((m) => m.version)]) {
      const db = new Database(':memory:');
      migrate(db, from);
      expect(schemaVersionOf(db)).toBe(from);
      migrate(db);
      expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
      db.close();
    }
  });

  it('give clicks cached at version 1 their per-link and per-profile totals at version 2', () => {
    const db = cacheAt(
      1,
      `
      INSERT INTO links (id, emailing_id, link_id, url, title) VALUES (1, 1, 5, 'https://x', 'X'), (2, 1, 6, 'https://y', 'Y');
      INSERT INTO clicks (emailing_id, id, link, ts_local, profile) VALUES
        (1, 1, 1, 100, 7), (1, 2, 1, 200, 7), (1, 3, 1, 300, 8), (1, 4, 2, 400, 7);
    `,
    );
    migrate(db);
    expect(
      db
        .prepare('SELECT link, clicks, unique_profiles, first_ts, last_ts FROM link_stats ORDER BY link')
        .all(),
    ).toEqual([
      { link: 1, clicks: 3, unique_profiles: 2, first_ts: 100, last_ts: 300 },
      { link: 2, clicks: 1, unique_profiles: 1, first_ts: 400, last_ts: 400 },
    ]);
    expect(
      db.prepare('SELECT profile, clicks, unique_links FROM profile_stats ORDER BY profile').all(),
    ).toEqual([
      { profile: 7, clicks: 3, unique_links: 2 },
      { profile: 8, clicks: 1, unique_links: 1 },
    ]);
    db.close();
  });

  it('give clicks cached at version 3 their distinct (link, profile) pairs at version 4', () => {
    const db = cacheAt(
      3,
      `
      INSERT INTO clicks (emailing_id, id, link, ts_local, profile) VALUES
        (1, 1, 1, 100, 7), (1, 2, 1, 200, 7), (1, 3, 1, 300, NULL), (1, 4, 2, 400, 7), (1, 5, NULL, 500, 9);
      INSERT INTO sync_state (emailing_id, rows) VALUES (1, 5);
    `,
    );
    migrate(db);
    expect(db.prepare('SELECT link, profile FROM link_profiles ORDER BY link, profile').all()).toEqual([
      { link: 1, profile: 0 },
      { link: 1, profile: 7 },
      { link: 2, profile: 7 },
    ]);
    expect(db.prepare('SELECT summaries_stale FROM sync_state').pluck().get()).toBe(0);
    db.close();
  });

  it('give clicks cached at version 5 their clicking destinations and (destination, link) pairs at version 6', () => {
    const db = cacheAt(
      5,
      `
      INSERT INTO clicks (emailing_id, id, link, ts_local, destination) VALUES
        (1, 1, 1, 100, 70), (1, 2, 1, 200, 70), (1, 3, 2, 300, 70), (1, 4, 1, 400, 71), (1, 5, 1, 500, NULL);
    `,
    );
    migrate(db);
    expect(db.prepare('SELECT unique_clickers, unique_link_clicks FROM click_figures').all()).toEqual([
      { unique_clickers: 2, unique_link_clicks: 3 },
    ]);
    db.close();
  });

  it('drop clicks_by_emailing at version 12 from a file that has it, keeping its clicks in click-ID order', () => {
    const path = join(tempDir(), 'v11.db');
    const old = new Database(path);
    migrate(old, 11);
    old.exec(`
      INSERT INTO accounts (id, label, api_base, remote_id, created_at) VALUES (1, 'a', 'b', 1, 'now');
      INSERT INTO emailings (id, account_id, remote_id) VALUES (1, 1, 10);
      INSERT INTO clicks (emailing_id, id, ts_local) VALUES (1, 3, 300), (1, 1, 100), (1, 2, 200);
      -- What every file created before version 12 had (migration 2 built it with the grid indexes).
      CREATE INDEX clicks_by_emailing ON clicks (emailing_id);
    `);
    old.close();
    const db = openDatabase(path);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    expect(clickIndexes(db)).not.toContain('clicks_by_emailing');
    expect(missingGridIndexes(db)).toEqual([]);
    expect(db.prepare('SELECT id FROM clicks WHERE emailing_id = 1 ORDER BY id').pluck().all()).toEqual([
      1, 2, 3,
    ]);
    db.close();
  });

  it("index destination_links by link at version 14, for each link's unique clickers", () => {
    const db = cacheAt(
      12,
      `
      INSERT INTO destination_links (emailing_id, destination, link) VALUES (1, 70, 1), (1, 70, 2), (1, 71, 1);
    `,
    );
    const byLink = `SELECT link, COUNT(*) AS n FROM destination_links WHERE emailing_id = 1 GROUP BY link`;
    const plan = () =>
      (db.prepare(`EXPLAIN QUERY PLAN ${byLink}`).all() as { detail: string }[]).map((s) => s.detail).join();
    expect(plan()).toContain('TEMP B-TREE');
    migrate(db);
    expect(plan()).toContain('COVERING INDEX destination_links_by_link');
    expect(plan()).not.toContain('TEMP B-TREE');
    expect(db.prepare(byLink).all()).toEqual([
      { link: 1, n: 2 },
      { link: 2, n: 1 },
    ]);
    db.close();
  });

  it('leave an up-to-date file untouched when it is opened again', () => {
    const path = join(tempDir(), 'cache.db');
    const first = openDatabase(path);
    first
      .prepare(`INSERT INTO accounts (label, api_base, remote_id, created_at) VALUES ('a', 'b', 1, 'now')`)
      .run();
    first.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT label FROM accounts').all()).toEqual([{ label: 'a' }]);
    again.close();
  });

  it('refuse a file written by a newer version of the app, with a clear message, and do not change it', () => {
    const path = join(tempDir(), 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this app understands/);
    const check = new Database(path);
    expect(schemaVersionOf(check)).toBe(latestSchemaVersion + 5);
    check.close();
  });

  it('report a file that is not a database as cache_damaged (it can be moved aside) naming the file', () => {
    const path = join(tempDir(), 'not-a-db.db');
    writeFileSync(path, 'this is not sqlite'.repeat(100));
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({ code: 'cache_damaged', message: expect.stringContaining(path) }),
    );
  });
});
