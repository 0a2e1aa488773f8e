/**
 * destination_tallies: per destination of an emailing, its clicks and persons' clicks at each
 * tally key (tallies.ts), one row per destination. It is what lets a refresh move the clickers
 * of a key by its new clicks alone: whether a destination already clicked from an iPhone, or has
 * a person's click left once one of its clicks is judged a bot's, is a lookup here instead of a
 * read of all its clicks (which made a refresh cost what is cached: issue 7 B).
 *
 * The keys are numbered once in tally_keys; a row's counts are `key:clicks:human` triples
 * separated by spaces (about 40 bytes for a destination's usual five or six keys).
 */
import type Database from 'better-sqlite3';
import type { KeyCounts } from './tallies';

export class DestinationTallies {
  private readonly ids = new Map<string, number>();
  private readonly keys = new Map<number, string>();
  private readonly readKeys: Database.Statement;
  private readonly addKey: Database.Statement;
  private readonly readRow: Database.Statement;
  private readonly writeRow: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly removeRow: Database.Statement;
  private readonly readAll: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly emailingKey: number,
  ) {
    this.readKeys = db.prepare('SELECT id, key FROM tally_keys');
    this.addKey = db.prepare('INSERT INTO tally_keys (key) VALUES (?)');
    this.readRow = db
      .prepare('SELECT counts FROM destination_tallies WHERE emailing_id = ? AND destination = ?')
      .pluck();
    this.writeRow = db.prepare(
      `INSERT INTO destination_tallies (emailing_id, destination, counts) VALUES (?, ?, ?)
       ON CONFLICT (emailing_id, destination) DO UPDATE SET counts = excluded.counts`,
    );
    this.insertRow = db.prepare(
      'INSERT INTO destination_tallies (emailing_id, destination, counts) VALUES (?, ?, ?)',
    );
    this.removeRow = db.prepare('DELETE FROM destination_tallies WHERE emailing_id = ? AND destination = ?');
    // In primary-key order, which replaceAll merges with.
    this.readAll = db
      .prepare(
        'SELECT destination, counts FROM destination_tallies WHERE emailing_id = ? ORDER BY destination',
      )
      .raw(true);
    for (const { id, key } of this.readKeys.all() as { id: number; key: string }[]) this.remember(id, key);
  }

  /** The destination's counts; empty for one not counted yet. */
  read(destination: number): KeyCounts {
    const text = this.readRow.get(this.emailingKey, destination) as string | undefined;
    const counts: KeyCounts = new Map();
    if (!text) return counts;
    for (const triple of text.split(' ')) {
      const [id, clicks, human] = triple.split(':').map(Number) as [number, number, number];
      const key = this.keys.get(id);
      if (key === undefined)
        throw new Error(`destination_tallies names tally key ${id}, which tally_keys lacks.`);
      counts.set(key, [clicks, human]);
    }
    return counts;
  }

  write(destination: number, counts: KeyCounts): void {
    const text = this.encode(counts);
    if (text === '') this.removeRow.run(this.emailingKey, destination);
    else this.writeRow.run(this.emailingKey, destination, text);
  }

  /**
   * Makes the emailing's rows exactly these (a recompute), given in ascending destination order.
   * Only what differs from the stored row is written: after a rule change most destinations
   * count as before, and what is written goes in key order, so the B-tree is appended to rather
   * than split at random (a recompute's largest cost before).
   */
  replaceAll(destinations: ArrayLike<number>, countsOf: (index: number) => KeyCounts): void {
    const stored = this.readAll.all(this.emailingKey) as [number, string][];
    let s = 0;
    for (let i = 0; i < destinations.length; i++) {
      const destination = destinations[i] as number;
      // A stored destination the recompute no longer counts (none has clicks left): removed.
      while (s < stored.length && stored[s]![0] < destination)
        this.removeRow.run(this.emailingKey, stored[s++]![0]);
      const text = this.encode(countsOf(i));
      const old = s < stored.length && stored[s]![0] === destination ? stored[s++]![1] : undefined;
      if (text === old) continue;
      if (text === '') this.removeRow.run(this.emailingKey, destination);
      else if (old === undefined) this.insertRow.run(this.emailingKey, destination, text);
      else this.writeRow.run(this.emailingKey, destination, text);
    }
    while (s < stored.length) this.removeRow.run(this.emailingKey, stored[s++]![0]);
  }

  private encode(counts: KeyCounts): string {
    let text = '';
    for (const [key, [clicks, human]] of counts) {
      if (clicks <= 0) continue;
      text += `${text === '' ? '' : ' '}${this.idOf(key)}:${clicks}:${human}`;
    }
    return text;
  }

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = Number(this.addKey.run(key).lastInsertRowid);
      this.remember(id, key);
    }
    return id;
  }

  private remember(id: number, key: string): void {
    this.ids.set(key, id);
    this.keys.set(id, key);
  }
}
