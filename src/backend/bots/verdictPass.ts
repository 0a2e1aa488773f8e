/**
 * Keeps the verdicts (bot_clicks) and tallies (click_tallies, destination_tallies) of an
 * emailing. Two ways:
 *
 * - recomputeVerdicts: every click of the emailing in one pass of its primary key, judged
 *   together. After a bulk first load, for clicks cached before verdicts existed, and when a
 *   rule changes.
 * - judgeNewClicks: inside the transaction of a sync's pages, only the neighbourhood the new
 *   clicks can change (neighbourhood.ts): a refresh costs its new clicks and the clicks near
 *   them in time, never the million already judged.
 *
 * verdict_state holds the rules (and link count) the verdicts are of: a sync that finds them of
 * other rules recomputes first, as it rebuilds stale summaries.
 */
import type Database from 'better-sqlite3';
import type { BotRules } from '../../shared/schemas/bots';
import { writeTransaction } from '../db/writeTransaction';
import { AgentBook } from './agentBook';
import { readBotRules } from './botRulesStore';
import { COLUMNS, type Row, SetBuilder } from './clickSet';
import { DestinationTallies } from './destinationTallies';
import { ipRangeMatcher } from './ipRanges';
import { type ClickSet, groupsOf, type JudgeContext, judgeClicks } from './judge';
import { Neighbourhood } from './neighbourhood';
import {
  addToTallies,
  countClick,
  type KeyCounts,
  replaceTallies,
  tallyDestinationChange,
  tallyKeylessClick,
  type Tallies,
  tallyNewDestination,
} from './tallies';

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
    const tallies = writeDestinationTallies(db, emailingKey, set, reasons, book);

    const flagged = replaceBotClicks(db, emailingKey, ids, set.count, reasons);
    replaceTallies(db, emailingKey, tallies);
    writeState(db, emailingKey, rules, context.linkCount);
    onRows(set.count);
    return { clicks: set.count, flagged };
  });
}

/**
 * Makes bot_clicks hold exactly these verdicts (`ids` ascending, as the emailing's primary key
 * reads them), writing only those that changed: after a rule change most verdicts stand, and a
 * delete and insert of every flagged click cost more than the reading that tells them apart.
 * Returns how many are flagged.
 */
function replaceBotClicks(
  db: Database.Database,
  emailingKey: number,
  ids: Float64Array,
  count: number,
  reasons: Uint8Array,
): number {
  const stored = db
    .prepare('SELECT click_id, reasons FROM bot_clicks WHERE emailing_id = ? ORDER BY click_id')
    .raw(true)
    .all(emailingKey) as [number, number][];
  const upsert = db.prepare(
    `INSERT INTO bot_clicks (emailing_id, click_id, reasons) VALUES (?, ?, ?)
     ON CONFLICT (emailing_id, click_id) DO UPDATE SET reasons = excluded.reasons`,
  );
  const remove = db.prepare('DELETE FROM bot_clicks WHERE emailing_id = ? AND click_id = ?');
  let flagged = 0;
  let s = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i] as number;
    // A verdict of a click no longer cached (none should be: removal goes by emailing).
    while (s < stored.length && stored[s]![0] < id) remove.run(emailingKey, stored[s++]![0]);
    const old = s < stored.length && stored[s]![0] === id ? stored[s++]![1] : 0;
    const now = reasons[i] as number;
    if (now !== 0) flagged += 1;
    if (now === old) continue;
    if (now === 0) remove.run(emailingKey, id);
    else upsert.run(emailingKey, id, now);
  }
  while (s < stored.length) remove.run(emailingKey, stored[s++]![0]);
  return flagged;
}

/**
 * Counts every click of the set into destination_tallies, made to hold exactly these counts,
 * and returns the emailing's tallies made of them.
 */
function writeDestinationTallies(
  db: Database.Database,
  emailingKey: number,
  set: ClickSet,
  reasons: Uint8Array,
  book: AgentBook,
): Tallies {
  const tallies: Tallies = new Map();
  const { order, starts } = groupsOf(set.count, (i) => {
    const d = set.destination[i] as number;
    return Number.isNaN(d) ? null : d;
  });
  const groups = starts.length - 1;
  // The groups in destination order, as destination_tallies' primary key holds them.
  const destinationOf = new Float64Array(groups);
  for (let g = 0; g < groups; g++)
    destinationOf[g] = set.destination[order[starts[g] as number] as number] as number;
  const sorted = Int32Array.from({ length: groups }, (_, g) => g).sort(
    (a, b) => (destinationOf[a] as number) - (destinationOf[b] as number),
  );
  new DestinationTallies(db, emailingKey).replaceAll(
    Float64Array.from(sorted, (g) => destinationOf[g] as number),
    (k) => {
      const g = sorted[k] as number;
      const counts: KeyCounts = new Map();
      for (let j = starts[g] as number; j < (starts[g + 1] as number); j++) {
        const i = order[j] as number;
        countClick(counts, book, set.agent[i] as number, reasons[i] as number, 1);
      }
      tallyNewDestination(tallies, counts);
      return counts;
    },
  );
  for (let i = 0; i < set.count; i++) {
    if (Number.isNaN(set.destination[i] as number))
      tallyKeylessClick(tallies, book, set.agent[i] as number, reasons[i] as number, 1);
  }
  return tallies;
}

/**
 * Judges the clicks a sync just inserted, with their neighbourhood, inside the caller's
 * transaction, after the page's summaries (destination_links) and time order are kept.
 * Verdicts of other rules than those in use are left for recomputeVerdicts (the sync runs it at
 * its end). Returns how many cached clicks it read beside the new ones.
 */
export function judgeNewClicks(
  db: Database.Database,
  emailingKey: number,
  newIds: readonly number[],
): number {
  if (newIds.length === 0) return 0;
  const rules = readBotRules(db);
  const state = db
    .prepare('SELECT rules, link_count AS links FROM verdict_state WHERE emailing_id = ?')
    .get(emailingKey) as { rules: string; links: number } | undefined;
  if (!state || state.rules !== JSON.stringify(rules)) return 0;

  const book = new AgentBook(db);
  const context = contextFor(db, emailingKey, rules, book);
  const found = new Neighbourhood(db, emailingKey, rules, context.linkCount).around(newIds, {
    linksChanged: context.linkCount !== state.links,
    judge: (set, extra) => judgeClicks(set, { ...context, ...extra }),
  });
  const { set, ids, stored, isNew, reasons } = found;

  const upsert = db.prepare(
    `INSERT INTO bot_clicks (emailing_id, click_id, reasons) VALUES (?, ?, ?)
     ON CONFLICT (emailing_id, click_id) DO UPDATE SET reasons = excluded.reasons`,
  );
  const remove = db.prepare('DELETE FROM bot_clicks WHERE emailing_id = ? AND click_id = ?');
  // Each changed click moves its destination's counts, and the tallies by what that changes.
  const changes = new Map<number, KeyCounts>();
  const delta: Tallies = new Map();
  for (let i = 0; i < set.count; i++) {
    const fresh = isNew[i] === 1;
    if (reasons[i] === stored[i] && !fresh) continue;
    if (reasons[i] === 0) {
      if (stored[i] !== 0) remove.run(emailingKey, ids[i]);
    } else upsert.run(emailingKey, ids[i], reasons[i]);
    const agent = set.agent[i] as number;
    const destination = set.destination[i] as number;
    if (Number.isNaN(destination)) {
      if (!fresh) tallyKeylessClick(delta, book, agent, stored[i] as number, -1);
      tallyKeylessClick(delta, book, agent, reasons[i] as number, 1);
      continue;
    }
    let change = changes.get(destination);
    if (!change) {
      change = new Map();
      changes.set(destination, change);
    }
    if (!fresh) countClick(change, book, agent, stored[i] as number, -1);
    countClick(change, book, agent, reasons[i] as number, 1);
  }
  const counts = new DestinationTallies(db, emailingKey);
  for (const [destination, change] of changes) {
    const before = counts.read(destination);
    const after: KeyCounts = new Map([...before].map(([key, c]) => [key, [c[0], c[1]]]));
    for (const [key, [clicks, human]] of change) {
      const c = after.get(key) ?? [0, 0];
      after.set(key, [c[0] + clicks, c[1] + human]);
    }
    tallyDestinationChange(delta, before, after);
    counts.write(destination, after);
  }
  addToTallies(db, emailingKey, delta);
  if (context.linkCount !== state.links) writeState(db, emailingKey, rules, context.linkCount);
  return found.neighbours;
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
