/**
 * The migration that puts the product in the emailing's key and lets accounts speak v4: it
 * builds both tables again, and what refers to them (links, summaries, sync state, profiles)
 * must come through untouched, not cascade-deleted with the old table.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { latestSchemaVersion, migrate, migrations } from '../../src/backend/db/migrations';

const productMigration = migrations.find((m) => m.name.startsWith('Marketing Suite emailings'));
const before = (productMigration?.version ?? 0) - 1;

function cacheBefore(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, before);
  db.exec(`
    INSERT INTO accounts (id, label, api_base, remote_id, created_at, api_version) VALUES (1, 'a', 'https://x/v3', 1, 'now', 'v3');
    INSERT INTO emailings (id, account_id, remote_id, subject, tracked) VALUES (1, 1, 1001, 'Spring', 1);
    INSERT INTO links (id, emailing_id, link_id, url, title) VALUES (1, 1, 5, 'https://x', 'X');
    INSERT INTO clicks (emailing_id, id, link, ts_local, profile) VALUES (1, 1, 1, 100, 7);
    INSERT INTO link_stats (emailing_id, link, clicks, unique_profiles) VALUES (1, 1, 1, 1);
    INSERT INTO sync_state (emailing_id, watermark, rows) VALUES (1, '2024-01-01 00:00:00', 1);
    INSERT INTO profiles (account_id, id, fields, interests, fetched_at) VALUES (1, 7, '{}', '[]', 'now');
  `);
  return db;
}

it('keeps every cached row, marks old emailings Publisher, and keeps foreign keys on', () => {
  expect(productMigration).toBeDefined();
  const db = cacheBefore();
  migrate(db);
  expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.prepare('SELECT id, product, remote_id, subject, tracked FROM emailings').all()).toEqual([
    { id: 1, product: 'publisher', remote_id: 1001, subject: 'Spring', tracked: 1 },
  ]);
  for (const table of ['links', 'clicks', 'link_stats', 'sync_state', 'profiles']) {
    expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 1 });
  }
  expect(db.pragma('foreign_key_check')).toEqual([]);
  // The children still refer to the rebuilt tables: deleting the account cascades as before.
  db.prepare('DELETE FROM accounts WHERE id = 1').run();
  for (const table of ['emailings', 'links', 'link_stats', 'sync_state', 'profiles']) {
    expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
  }
  db.close();
});

it('lets Marketing Suite emailing 1001 sit beside Publisher emailing 1001, and an account speak v4', () => {
  const db = cacheBefore();
  migrate(db);
  db.prepare("INSERT INTO emailings (account_id, product, remote_id) VALUES (1, 'ms', 1001)").run();
  expect(() =>
    db.prepare("INSERT INTO emailings (account_id, product, remote_id) VALUES (1, 'ms', 1001)").run(),
  ).toThrow(/UNIQUE/);
  expect(() =>
    db.prepare("INSERT INTO emailings (account_id, product, remote_id) VALUES (1, 'email', 1)").run(),
  ).toThrow(/CHECK/);
  db.prepare("UPDATE accounts SET api_version = 'v4' WHERE id = 1").run();
  expect(() => db.prepare("UPDATE accounts SET api_version = 'v5' WHERE id = 1").run()).toThrow(/CHECK/);
  expect(db.prepare('SELECT api_version FROM accounts').get()).toEqual({ api_version: 'v4' });
  db.close();
});
