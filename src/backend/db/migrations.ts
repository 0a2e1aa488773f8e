/**
 * Versioned schema migrations. `PRAGMA user_version` holds the version a file is at; each
 * migration runs in its own transaction, so a file is always at exactly one version. Migrations
 * are append-only: never edit one that has shipped, add the next.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, emailings, clicks with dictionaries, sync state',
    up(db) {
      db.exec(`
        CREATE TABLE accounts (
          id           INTEGER PRIMARY KEY,
          label        TEXT NOT NULL,
          api_base     TEXT NOT NULL,
          -- The account's ID at Copernica (from GET identity); the token itself is never stored here.
          remote_id    INTEGER,
          time_zone    TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
          token_status TEXT NOT NULL DEFAULT 'ok' CHECK (token_status IN ('ok', 'rejected')),
          created_at   TEXT NOT NULL,
          UNIQUE (api_base, remote_id)
        );

        CREATE TABLE emailings (
          id              INTEGER PRIMARY KEY,
          account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          remote_id       INTEGER NOT NULL,
          subject         TEXT,
          sent_at         TEXT,
          destinations    INTEGER,
          -- Counters as the emailings list reported them, for comparison with what is cached.
          reported_clicks INTEGER,
          impressions     INTEGER,
          tracked         INTEGER NOT NULL DEFAULT 0,
          fetched_at      TEXT,
          UNIQUE (account_id, remote_id)
        );

        -- A click names its link by Copernica's link_id, URL and title; the triple is stored once
        -- per emailing and each click points at it.
        CREATE TABLE links (
          id          INTEGER PRIMARY KEY,
          emailing_id INTEGER NOT NULL REFERENCES emailings(id) ON DELETE CASCADE,
          link_id     INTEGER,
          url         TEXT,
          title       TEXT
        );
        CREATE INDEX links_by_emailing ON links (emailing_id);

        -- User agents and referers repeat across millions of clicks: each distinct text once.
        CREATE TABLE texts (
          id    INTEGER PRIMARY KEY,
          value TEXT NOT NULL UNIQUE
        );

        -- One row per click, clustered by emailing so that one emailing's clicks are contiguous
        -- on disk; (emailing, click ID) is the upsert key.
        CREATE TABLE clicks (
          emailing_id INTEGER NOT NULL,
          id          INTEGER NOT NULL,
          link        INTEGER,
          -- Wall-clock time as sent, as seconds (the text read as UTC): sorts, filters and
          -- formats back to the exact text.
          ts_local    INTEGER,
          -- The real instant, computed with the account's time zone.
          ts_utc      INTEGER,
          -- The timestamp text, only when it is not canonical YYYY-MM-DD HH:MM:SS.
          ts_raw      TEXT,
          ip          TEXT,
          user_agent  INTEGER,
          referer     INTEGER,
          emailing    INTEGER,
          destination INTEGER,
          profile     INTEGER,
          subprofile  INTEGER,
          PRIMARY KEY (emailing_id, id)
        ) WITHOUT ROWID;

        CREATE TABLE sync_state (
          emailing_id     INTEGER PRIMARY KEY REFERENCES emailings(id) ON DELETE CASCADE,
          -- Incremental runs ask for timestamp >= watermark: the newest click time of the last
          -- complete run. Clicks in that second come again and the upsert drops the repeats.
          watermark       TEXT,
          -- A run in progress: its filter and the next offset. Set per committed page, so a
          -- killed run resumes where it stopped.
          run_since       TEXT,
          run_next_start  INTEGER,
          run_max_ts      TEXT,
          run_started_at  TEXT,
          rows            INTEGER NOT NULL DEFAULT 0,
          last_success_at TEXT,
          last_error      TEXT,
          last_error_code TEXT,
          last_error_at   TEXT
        );
      `);
    },
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]?.version ?? 0;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings a database up to the latest version; refuses a file written by a newer app. */
export function migrate(db: Database.Database, target = latestSchemaVersion): number {
  const current = schemaVersionOf(db);
  if (current > latestSchemaVersion) {
    throw new Error(
      `The cache file is at schema version ${current}, newer than this app understands (${latestSchemaVersion}). Update Copernica Clicks.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersionOf(db);
}
