/**
 * An incremental refresh must cost what it brings, not what is cached, on a file without
 * planner statistics (sqlite_stat1 is written only after a bulk load). Every statement the sync
 * prepares is recorded and its EXPLAIN QUERY PLAN read: none may walk the emailing's clicks (a
 * SCAN, or a SEARCH on the emailing prefix of the primary key alone), except the one lookup of the
 * newest click, which reads one row from the end of that range.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { neighbourhoodSql } from '../../src/backend/bots/neighbourhood';
import { syncEmailingClicks } from '../../src/backend/sync/syncEmailingClicks';
import { summariesAndAggregates } from '../helpers/summaryAggregates';
import { useTempDir } from '../helpers/tempDir';
import { seedEmailing } from '../helpers/seedEmailing';

const tempDir = useTempDir();
let fake: FakeCopernica;
let db: Database.Database;

beforeEach(async () => {
  fake = await createFakeCopernica({ tokens: ['t'], emailings: [{ id: 1, clicks: 3000 }] });
  db = openDatabase(join(tempDir(), 'cache.db'));
});
afterEach(async () => {
  db.close();
  await fake.close();
});

/** One row of the newest click: a backwards walk of the primary key that stops at once. */
const NEWEST_CLICK = /ORDER BY id DESC LIMIT 1/;

function planOf(sql: string): string[] {
  const params = (sql.match(/\?/g) ?? []).map(() => null);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
    (r) => r.detail,
  );
}

it('runs every statement of an incremental refresh on a key or a named index, without statistics', async () => {
  const key = seedEmailing(db, fake.url, 1);
  const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
  const sync = () =>
    syncEmailingClicks({
      db,
      source: client,
      emailingKey: key,
      emailingId: 1,
      timeZone: 'UTC',
      pageSize: 500,
    });
  await sync();
  db.exec('DROP TABLE IF EXISTS sqlite_stat1');
  expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'sqlite_stat%'`).all()).toEqual([]);

  const prepared = new Set<string>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.add(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  fake.appendClicks(1, 1200);
  const refresh = await sync();
  db.prepare = prepare as typeof db.prepare;
  expect(refresh.inserted).toBe(1200);

  const wholeEmailing = /^(SCAN (clicks|c|o)\b|SEARCH (clicks|c|o) USING PRIMARY KEY \(emailing_id=\?\)$)/;
  const offenders: { sql: string; plan: string[] }[] = [];
  for (const sql of prepared) {
    const plan = planOf(sql);
    if (plan.some((step) => wholeEmailing.test(step)) && !NEWEST_CLICK.test(sql))
      offenders.push({ sql, plan });
  }
  expect(offenders).toEqual([]);

  // The hot statements, each on the plan its comment names.
  const planFor = (fragment: string): string[] => {
    const sql = [...prepared].find((s) => s.includes(fragment));
    expect(sql, fragment).toBeDefined();
    return planOf(sql as string);
  };
  expect(planFor('INSERT INTO link_profiles')).toEqual([]);
  expect(planFor('FROM profile_stats INDEXED BY profile_stats_by_profile')).toEqual([
    'SEARCH profile_stats USING INDEX profile_stats_by_profile (emailing_id=? AND profile=?)',
  ]);
  expect(planFor('UPDATE profile_stats')).toEqual([
    'SEARCH profile_stats USING INTEGER PRIMARY KEY (rowid=?)',
  ]);
  expect(planFor('SELECT id FROM texts')).toEqual([
    'SEARCH texts USING COVERING INDEX sqlite_autoindex_texts_1 (value=?)',
  ]);
  expect(planFor('FROM links WHERE emailing_id')).toEqual([
    'SEARCH links USING INDEX links_by_emailing (emailing_id=?)',
  ]);
  expect(planFor('SET run_next_start')).toEqual(['SEARCH sync_state USING INTEGER PRIMARY KEY (rowid=?)']);
  expect(planFor('SUM(p.clicks)').join(' | ')).toContain(
    'SEARCH p USING COVERING INDEX profile_stats_by_clicks (emailing_id=?)',
  );

  // The verdicts' neighbourhood (bots/neighbourhood.ts): index ranges from a click ID on.
  for (const sql of Object.values(neighbourhoodSql)) expect(prepared, sql).toContain(sql);
  expect(planOf(neighbourhoodSql.firstIdAt)).toEqual([
    'SEARCH clicks USING COVERING INDEX clicks_by_time (emailing_id=? AND ts_local>?)',
  ]);
  expect(planOf(neighbourhoodSql.ofDestination)).toEqual([
    'SEARCH clicks USING INDEX clicks_by_destination (emailing_id=? AND destination=? AND id>?)',
  ]);
  expect(planOf(neighbourhoodSql.ofIp)).toEqual([
    'SEARCH clicks USING INDEX clicks_by_ip (emailing_id=? AND ip=? AND id>?)',
  ]);
  expect(planOf(neighbourhoodSql.idsOfDestination)).toEqual([
    'SEARCH clicks USING COVERING INDEX clicks_by_destination (emailing_id=? AND destination=?)',
  ]);
  expect(planOf(neighbourhoodSql.linksOf)).toEqual([
    'SEARCH destination_links USING PRIMARY KEY (emailing_id=? AND destination=?)',
  ]);

  const { summaries, aggregates } = summariesAndAggregates(db, key);
  expect(summaries).toEqual(aggregates);
});
