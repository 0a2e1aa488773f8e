/**
 * Clicks as the verdicts read them: a row of the clicks table, and a set of rows column by
 * column (judge.ts's ClickSet) with the click IDs beside it.
 */
import type { ClickSet } from './judge';

export type Row = [
  id: number,
  link: number | null,
  wall: number | null,
  ip: string | null,
  agent: number | null,
  destination: number | null,
];

export const COLUMNS = 'id, link, ts_local, ip, user_agent, destination';

/** Fills a set column by column; `ids` beside it. */
export class SetBuilder {
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
