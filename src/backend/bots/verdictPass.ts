/**
 * Keeps the verdicts (bot_clicks) and tallies (click_tallies) of an emailing. Two ways:
 *
 * - recomputeVerdicts: every click of the emailing in one pass of its primary key, judged
 *   together. After a bulk first load, for clicks cached before verdicts existed, and when a
 *   rule changes.
 * - judgeNewClicks: inside the transaction of a sync's pages, only the neighbourhood the new
 *   clicks can change: every click of their destinations (burst, every link), every click of the
 *   IPs those hold (sticky), and every click of the destinations met there (so that each
 *   destination's tallies are counted whole). A refresh costs its new clicks and their
 *   neighbours, never the million already judged. IPs met only through those last destinations
 *   keep the sticky bit they had: their clicks' other verdicts cannot have changed.
 *
 * verdict_state holds the rules (and link count) the verdicts are of: a sync that finds them of
 * other rules recomputes first, as it rebuilds stale summaries.
 */
import type Database from 'better-sqlite3';
import { botReasonBit, type BotRules } from '../../shared/schemas/bots';
import { withoutMissingGridIndexes } from '../db/gridIndexes';
import { writeTransaction } from '../db/writeTransaction';
import { AgentBook } from './agentBook';
import { readBotRules } from './botRulesStore';
import { ipRangeMatcher } from './ipRanges';
import { type ClickSet, isAddress, type JudgeContext, judgeClicks } from './judge';
import { addTallies, addToTallies, replaceTallies, type Tallies } from './tallies';

type Row = [
  id: number,
  link: number | null,
  wall: number | null,
  ip: string | null,
  agent: number | null,
  destination: number | null,
];

const COLUMNS = 'id, link, ts_local, ip, user_agent, destination';

/** Fills a set column by column; `ids` beside it. */
class SetBuilder {
  ids: Float64Array;
  set: ClickSet;

  constructor(capacity: number) {
    this.ids = new Float64Array(Math.max(16, capacity));
    this.set = emptySet(this.ids.length);
  }

  add(row: Row): void {
    const n = this.set.count;
    if (n === this.ids.length) this.grow();
    this.ids[n] = row[0];
    this.set.link[n] = row[1] ?? -1;
    this.set.wall[n] = row[2] ?? NaN;
    this.set.ip[n] = row[3];
    this.set.agent[n] = row[4] ?? -1;
    this.set.destination[n] = row[5] ?? NaN;
    this.set.count = n + 1;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Float64Array(size);
    ids.set(this.ids);
    const set = emptySet(size);
    set.link.set(this.set.link);
    set.wall.set(this.set.wall);
    set.destination.set(this.set.destination);
    set.agent.set(this.set.agent);
    set.ip = this.set.ip;
    set.count = this.set.count;
    this.ids = ids;
    this.set = set;
  }
}

function emptySet(size: number): ClickSet {
  return {
    count: 0,
    link: new Int32Array(size),
    wall: new Float64Array(size),
    destination: new Float64Array(size),
    agent: new Int32Array(size),
    ip: [],
  };
}

function contextFor(
  db: Database.Database,
  emailingKey: number,
  rules: BotRules,
  book: AgentBook,
): JudgeContext {
  const inRanges = ipRangeMatcher(rules.scannerNetwork.ranges);
  const ipVerdicts = new Map<string, boolean>();
  return {
    rules,
    linkCount: linkCount(db, emailingKey),
    agentIsBot: (agent) => book.isBot(agent),
    ipInRanges: (ip) => {
      let inside = ipVerdicts.get(ip);
      if (inside === undefined) {
        inside = inRanges(ip);
        ipVerdicts.set(ip, inside);
      }
      return inside;
    },
  };
}

function linkCount(db: Database.Database, emailingKey: number): number {
  return db.prepare('SELECT COUNT(*) FROM links WHERE emailing_id = ?').pluck().get(emailingKey) as number;
}

function writeState(db: Database.Database, emailingKey: number, rules: BotRules, links: number): void {
  db.prepare(
    `INSERT INTO verdict_state (emailing_id, rules, link_count) VALUES (?, ?, ?)
     ON CONFLICT (emailing_id) DO UPDATE SET rules = excluded.rules, link_count = excluded.link_count`,
  ).run(emailingKey, JSON.stringify(rules), links);
}

/** Whether the emailing's verdicts are of the rules in use (always, for an emailing without clicks). */
export function verdictsCurrent(
  db: Database.Database,
  emailingKey: number,
  rules = readBotRules(db),
): boolean {
  const row = db.prepare('SELECT rules FROM verdict_state WHERE emailing_id = ?').get(emailingKey) as
    { rules: string } | undefined;
  if (row) return row.rules === JSON.stringify(rules);
  // sync_state.rows is kept in the transaction of every page.
  const rows = db.prepare('SELECT rows FROM sync_state WHERE emailing_id = ?').pluck().get(emailingKey) as
    number | undefined;
  return (rows ?? 0) === 0;
}

/**
 * Makes the emailing's verdicts those of the rules in use: recomputed when they are not; for an
 * emailing without clicks, the state the sync's pages then add to.
 */
export function ensureVerdicts(db: Database.Database, emailingKey: number): void {
  const rules = readBotRules(db);
  if (verdictsCurrent(db, emailingKey, rules)) {
    const hasState = db.prepare('SELECT 1 FROM verdict_state WHERE emailing_id = ?').get(emailingKey);
    if (!hasState) writeState(db, emailingKey, rules, linkCount(db, emailingKey));
    return;
  }
  recomputeVerdicts(db, emailingKey, rules);
}

/** Marks the verdicts to be recomputed (a bulk load judges at its end). */
export function markVerdictsStale(db: Database.Database, emailingKey: number): void {
  db.prepare('DELETE FROM verdict_state WHERE emailing_id = ?').run(emailingKey);
}

export interface RecomputeResult {
  clicks: number;
  flagged: number;
}

/**
 * Judges every click of the emailing again, in one IMMEDIATE transaction (the verdicts are of
 * exactly the clicks they replace). `onRows` hears the clicks read so far, for a progress bar.
 */
export function recomputeVerdicts(
  db: Database.Database,
  emailingKey: number,
  rules: BotRules = readBotRules(db),
  onRows: (rows: number) => void = () => undefined,
): RecomputeResult {
  return writeTransaction(db, () => {
    const capacity = db
      .prepare('SELECT rows FROM sync_state WHERE emailing_id = ?')
      .pluck()
      .get(emailingKey) as number | undefined;
    const builder = new SetBuilder((capacity ?? 0) + 1);
    const rows = db
      .prepare(`SELECT ${COLUMNS} FROM clicks WHERE emailing_id = ?`)
      .raw(true)
      .iterate(emailingKey) as IterableIterator<Row>;
    for (const row of rows) {
      builder.add(row);
      if (builder.set.count % 100_000 === 0) onRows(builder.set.count);
    }
    const { set, ids } = builder;
    const book = new AgentBook(db);
    const context = contextFor(db, emailingKey, rules, book);
    const reasons = judgeClicks(set, context);
    const tallies: Tallies = new Map();
    addTallies(tallies, set, reasons, book, 1);

    db.prepare('DELETE FROM bot_clicks WHERE emailing_id = ?').run(emailingKey);
    const insert = db.prepare('INSERT INTO bot_clicks (emailing_id, click_id, reasons) VALUES (?, ?, ?)');
    let flagged = 0;
    // In click-ID order (the primary key's), the table is appended to.
    for (let i = 0; i < set.count; i++) {
      if (reasons[i] === 0) continue;
      insert.run(emailingKey, ids[i], reasons[i]);
      flagged += 1;
    }
    replaceTallies(db, emailingKey, tallies);
    writeState(db, emailingKey, rules, context.linkCount);
    onRows(set.count);
    return { clicks: set.count, flagged };
  });
}

/**
 * Judges the clicks a sync just inserted, with their neighbourhood, inside the caller's
 * transaction. Verdicts of other rules than those in use are left for recomputeVerdicts (the
 * sync runs it at its end).
 */
export function judgeNewClicks(db: Database.Database, emailingKey: number, newIds: readonly number[]): void {
  if (newIds.length === 0) return;
  const rules = readBotRules(db);
  const state = db
    .prepare('SELECT rules, link_count AS links FROM verdict_state WHERE emailing_id = ?')
    .get(emailingKey) as { rules: string; links: number } | undefined;
  if (!state || state.rules !== JSON.stringify(rules)) return;

  const byId = db.prepare(`SELECT ${COLUMNS} FROM clicks WHERE emailing_id = ? AND id = ?`).raw(true);
  // Named, as the views name them: without the planner's statistics the primary key can win.
  const byDestination = db
    .prepare(
      withoutMissingGridIndexes(
        db,
        `SELECT ${COLUMNS} FROM clicks INDEXED BY clicks_by_destination WHERE emailing_id = ? AND destination = ?`,
      ),
    )
    .raw(true);
  const byIp = db
    .prepare(
      withoutMissingGridIndexes(
        db,
        `SELECT ${COLUMNS} FROM clicks INDEXED BY clicks_by_ip WHERE emailing_id = ? AND ip = ?`,
      ),
    )
    .raw(true);
  const rows = new Map<number, Row>();
  const destinations = new Set<number>();
  const addRows = (found: Row[]): void => {
    for (const row of found) rows.set(row[0], row);
  };
  for (const id of newIds) {
    const row = byId.get(emailingKey, id) as Row | undefined;
    if (!row) continue;
    rows.set(id, row);
    if (row[5] !== null) destinations.add(row[5]);
  }
  const book = new AgentBook(db);
  const context = contextFor(db, emailingKey, rules, book);
  if (context.linkCount !== state.links) {
    // A new link can end "every link" for the destinations it flagged.
    const everyLink = db
      .prepare(
        `SELECT DISTINCT c.destination FROM bot_clicks b JOIN clicks c ON c.emailing_id = b.emailing_id AND c.id = b.click_id
          WHERE b.emailing_id = ? AND (b.reasons & ${botReasonBit.everyLink}) <> 0`,
      )
      .pluck()
      .all(emailingKey) as (number | null)[];
    for (const d of everyLink) if (d !== null) destinations.add(d);
  }
  for (const d of destinations) addRows(byDestination.all(emailingKey, d) as Row[]);
  const ips = new Set<string>();
  if (rules.sticky.enabled) {
    for (const row of rows.values()) if (row[3] !== null && isAddress(row[3])) ips.add(row[3]);
    for (const ip of ips) addRows(byIp.all(emailingKey, ip) as Row[]);
    const met = new Set<number>();
    for (const row of rows.values()) if (row[5] !== null && !destinations.has(row[5])) met.add(row[5]);
    for (const d of met) addRows(byDestination.all(emailingKey, d) as Row[]);
  }

  const builder = new SetBuilder(rows.size);
  const ordered = [...rows.values()].sort((a, b) => a[0] - b[0]);
  for (const row of ordered) builder.add(row);
  const { set, ids } = builder;
  const storedReasons = db
    .prepare('SELECT reasons FROM bot_clicks WHERE emailing_id = ? AND click_id = ?')
    .pluck();
  const stored = new Uint8Array(set.count);
  const isNew = new Uint8Array(set.count);
  const fresh = new Set(newIds);
  for (let i = 0; i < set.count; i++) {
    stored[i] = (storedReasons.get(emailingKey, ids[i]) as number | undefined) ?? 0;
    isNew[i] = fresh.has(ids[i] as number) ? 1 : 0;
  }
  context.ipComplete = (ip) => ips.has(ip);
  context.storedSticky = (i) => ((stored[i] as number) & botReasonBit.sticky) !== 0;
  const reasons = judgeClicks(set, context);

  const upsert = db.prepare(
    `INSERT INTO bot_clicks (emailing_id, click_id, reasons) VALUES (?, ?, ?)
     ON CONFLICT (emailing_id, click_id) DO UPDATE SET reasons = excluded.reasons`,
  );
  const remove = db.prepare('DELETE FROM bot_clicks WHERE emailing_id = ? AND click_id = ?');
  for (let i = 0; i < set.count; i++) {
    if (reasons[i] === stored[i] && !isNew[i]) continue;
    if (reasons[i] === 0) {
      if (stored[i] !== 0) remove.run(emailingKey, ids[i]);
    } else upsert.run(emailingKey, ids[i], reasons[i]);
  }
  const delta: Tallies = new Map();
  addTallies(delta, set, stored, book, -1, (i) => isNew[i] === 0);
  addTallies(delta, set, reasons, book, 1);
  addToTallies(db, emailingKey, delta);
  if (context.linkCount !== state.links) writeState(db, emailingKey, rules, context.linkCount);
}

/**
 * Recomputes every emailing's verdicts (after a rule change), one emailing per transaction;
 * `onProgress` hears the clicks judged so far of all of them.
 */
export function recomputeAllVerdicts(
  db: Database.Database,
  onProgress: (done: number, total: number) => void = () => undefined,
): RecomputeResult {
  const emailings = db
    .prepare('SELECT emailing_id AS key, rows FROM sync_state WHERE rows > 0 ORDER BY emailing_id')
    .all() as { key: number; rows: number }[];
  const total = emailings.reduce((sum, e) => sum + e.rows, 0);
  const rules = readBotRules(db);
  let done = 0;
  let flagged = 0;
  for (const { key } of emailings) {
    const result = recomputeVerdicts(db, key, rules, (rows) => onProgress(done + rows, total));
    done += result.clicks;
    flagged += result.flagged;
  }
  onProgress(done, total);
  return { clicks: done, flagged };
}
