/**
 * The click_tallies of an emailing: clicks and clicking destinations per key (the whole
 * emailing, each device type, OS and client, each bot reason), all and persons' only.
 *
 * A destination counts once per key however many clicks it has there, so a click can only be
 * counted against what its destination already has at that key. That is kept per destination
 * in destination_tallies (destinationTallies.ts): a refresh folds its clicks into the counts of
 * their destinations and the tallies move by what changed, without reading a destination's
 * other clicks. Clicks without a destination count as clicks only.
 */
import type Database from 'better-sqlite3';
import { botReasonBit, botReasons } from '../../shared/schemas/bots';
import type { AgentBook } from './agentBook';

/** clicks, clickers, human clicks, human clickers. */
export type Tally = [number, number, number, number];
export type Tallies = Map<string, Tally>;
/** One destination's clicks and persons' clicks per tally key. */
export type KeyCounts = Map<string, [clicks: number, human: number]>;

const reasonKeys = botReasons.map((reason) => [botReasonBit[reason], `reason\0${reason}`] as const);

/** The counters at `key`, started at zero the first time. */
function countersAt<C extends number[]>(map: Map<string, C>, key: string, zero: () => C): C {
  let counters = map.get(key);
  if (!counters) {
    counters = zero();
    map.set(key, counters);
  }
  return counters;
}

const tally = (into: Tallies, key: string): Tally => countersAt(into, key, () => [0, 0, 0, 0]);

/** Calls `each` with every tally key a click of this agent and verdict counts at. */
function keysOfClick(
  book: AgentBook,
  agent: number,
  reasons: number,
  each: (key: string, human: boolean) => void,
): void {
  const human = reasons === 0;
  for (const key of book.deviceKeys(agent)) each(key, human);
  if (human) return;
  for (const [bit, key] of reasonKeys) if ((reasons & bit) !== 0) each(key, false);
}

/** Adds (sign 1) or takes away (sign -1) one click to a destination's counts. */
export function countClick(
  counts: KeyCounts,
  book: AgentBook,
  agent: number,
  reasons: number,
  sign: 1 | -1,
): void {
  keysOfClick(book, agent, reasons, (key, human) => {
    const c = countersAt(counts, key, (): [number, number] => [0, 0]);
    c[0] += sign;
    if (human) c[1] += sign;
  });
}

/** Adds a click without a destination to the tallies: a click, no clicker. */
export function tallyKeylessClick(
  into: Tallies,
  book: AgentBook,
  agent: number,
  reasons: number,
  sign: 1 | -1,
): void {
  keysOfClick(book, agent, reasons, (key, human) => {
    const t = tally(into, key);
    t[0] += sign;
    if (human) t[2] += sign;
  });
}

/**
 * Moves the tallies by one destination's change of counts: its clicks, and a clicker more (or
 * less) at each key where it had none (or has none left). `before` is empty for a new one.
 */
export function tallyDestinationChange(into: Tallies, before: KeyCounts, after: KeyCounts): void {
  const present = (c: [number, number] | undefined, at: 0 | 1): number => ((c?.[at] ?? 0) > 0 ? 1 : 0);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    const t = tally(into, key);
    t[0] += (a?.[0] ?? 0) - (b?.[0] ?? 0);
    t[1] += present(a, 0) - present(b, 0);
    t[2] += (a?.[1] ?? 0) - (b?.[1] ?? 0);
    t[3] += present(a, 1) - present(b, 1);
  }
}

/** Adds a destination the tallies did not count yet: its clicks, and a clicker at each key. */
export function tallyNewDestination(into: Tallies, counts: KeyCounts): void {
  for (const [key, [clicks, human]] of counts) {
    const t = tally(into, key);
    t[0] += clicks;
    t[2] += human;
    if (clicks > 0) t[1] += 1;
    if (human > 0) t[3] += 1;
  }
}

const split = (key: string): [string, string] => {
  const at = key.indexOf('\0');
  return [key.slice(0, at), key.slice(at + 1)];
};

export function replaceTallies(db: Database.Database, emailingKey: number, tallies: Tallies): void {
  db.prepare('DELETE FROM click_tallies WHERE emailing_id = ?').run(emailingKey);
  const insert = db.prepare(
    'INSERT INTO click_tallies (emailing_id, dimension, value, clicks, clickers, human_clicks, human_clickers) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [key, t] of tallies) if (t[0] > 0) insert.run(emailingKey, ...split(key), ...t);
}

export function addToTallies(db: Database.Database, emailingKey: number, delta: Tallies): void {
  const upsert = db.prepare(
    `INSERT INTO click_tallies (emailing_id, dimension, value, clicks, clickers, human_clicks, human_clickers)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (emailing_id, dimension, value) DO UPDATE SET
       clicks = clicks + excluded.clicks, clickers = clickers + excluded.clickers,
       human_clicks = human_clicks + excluded.human_clicks, human_clickers = human_clickers + excluded.human_clickers`,
  );
  const removeEmpty = db.prepare(
    'DELETE FROM click_tallies WHERE emailing_id = ? AND dimension = ? AND value = ? AND clicks <= 0',
  );
  for (const [key, t] of delta) {
    if (t.every((n) => n === 0)) continue;
    upsert.run(emailingKey, ...split(key), ...t);
    if (t[0] < 0) removeEmpty.run(emailingKey, ...split(key));
  }
}
