/**
 * The click_tallies of a set of clicks whose destinations are complete (every click of each of
 * them is in the set): clicks and clicking destinations per key, all and persons' only. A
 * destination counts once per key however many clicks it has there, which is why the set must
 * hold all of a destination's clicks. Clicks without a destination count as clicks only.
 */
import type Database from 'better-sqlite3';
import { botReasonBit, botReasons } from '../../shared/schemas/bots';
import type { AgentBook } from './agentBook';
import { type ClickSet, groupsOf } from './judge';

/** clicks, clickers, human clicks, human clickers. */
export type Tally = [number, number, number, number];
export type Tallies = Map<string, Tally>;

const reasonKeys = botReasons.map((reason) => [botReasonBit[reason], `reason\0${reason}`] as const);

function tally(into: Tallies, key: string): Tally {
  let t = into.get(key);
  if (!t) {
    t = [0, 0, 0, 0];
    into.set(key, t);
  }
  return t;
}

/**
 * Adds (sign 1) or takes away (sign -1) the clicks of the set that `include` accepts, judged by
 * `reasons`.
 */
export function addTallies(
  into: Tallies,
  set: ClickSet,
  reasons: ArrayLike<number>,
  book: AgentBook,
  sign: 1 | -1,
  include: (index: number) => boolean = () => true,
): void {
  const keys = new Set<string>();
  const humanKeys = new Set<string>();
  const count = (i: number, clicker: boolean): void => {
    const human = reasons[i] === 0;
    for (const key of book.deviceKeys(set.agent[i] as number)) {
      const t = tally(into, key);
      t[0] += sign;
      if (human) t[2] += sign;
      if (clicker) {
        keys.add(key);
        if (human) humanKeys.add(key);
      }
    }
    if (human) return;
    for (const [bit, key] of reasonKeys) {
      if (((reasons[i] as number) & bit) === 0) continue;
      tally(into, key)[0] += sign;
      if (clicker) keys.add(key);
    }
  };
  const { order, starts } = groupsOf(set.count, (i) => {
    const d = set.destination[i] as number;
    return Number.isNaN(d) ? null : d;
  });
  for (let g = 0; g + 1 < starts.length; g++) {
    keys.clear();
    humanKeys.clear();
    for (let k = starts[g] as number; k < (starts[g + 1] as number); k++) {
      const i = order[k] as number;
      if (include(i)) count(i, true);
    }
    for (const key of keys) tally(into, key)[1] += sign;
    for (const key of humanKeys) tally(into, key)[3] += sign;
  }
  for (let i = 0; i < set.count; i++) {
    if (Number.isNaN(set.destination[i] as number) && include(i)) count(i, false);
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
  for (const [key, t] of tallies) insert.run(emailingKey, ...split(key), ...t);
}

export function addToTallies(db: Database.Database, emailingKey: number, delta: Tallies): void {
  const upsert = db.prepare(
    `INSERT INTO click_tallies (emailing_id, dimension, value, clicks, clickers, human_clicks, human_clickers)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (emailing_id, dimension, value) DO UPDATE SET
       clicks = clicks + excluded.clicks, clickers = clickers + excluded.clickers,
       human_clicks = human_clicks + excluded.human_clicks, human_clickers = human_clickers + excluded.human_clickers`,
  );
  for (const [key, t] of delta) {
    if (t.every((n) => n === 0)) continue;
    upsert.run(emailingKey, ...split(key), ...t);
  }
  db.prepare('DELETE FROM click_tallies WHERE emailing_id = ? AND clicks <= 0').run(emailingKey);
}
