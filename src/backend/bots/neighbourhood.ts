/**
 * The clicks a refresh's new clicks can change the verdict of, read without reading what is
 * cached (issue 7 B). The rules are local in time, and their flags only grow as clicks arrive:
 *
 * - burst: a window of `seconds` around a new click; older windows were judged already, so the
 *   stored burst bit is kept and only windows that hold a new click are looked for: the new
 *   clicks' destinations from `seconds` before the earliest of them.
 * - every link: whether a destination clicked every link is a count of its destination_links
 *   rows, not of its clicks. A destination that just completed the set gets the bit on every
 *   click it has, which reads them all once; so does one that lost it to a new link.
 * - sticky: the new clicks' IPs, and those of clicks whose rule bits changed, from `minutes`
 *   (and a burst) before the earliest new click; a stored sticky bit stays, since the flagged
 *   clicks it came from stay flagged. An IP whose flags can have shrunk (a destination that
 *   lost "every link") or grown long before the window is read whole, and judged afresh.
 *
 * "Before the earliest new click" is a click-ID bound: while the emailing's times follow its
 * click IDs (sync_state.time_follows_id), the clicks at or after a time are those from the first
 * ID at that time on, and every read is an index range (clicks_by_destination and clicks_by_ip
 * carry the ID after their column). When times do not follow IDs the bound is the first click,
 * which is exact but reads the destinations and IPs whole.
 *
 * Plans, named with INDEXED BY because without the planner's statistics the primary key can win
 * (test/bots/neighbourhood.test.ts checks them with EXPLAIN QUERY PLAN):
 *   first ID at a time   SEARCH clicks USING INDEX clicks_by_time (emailing_id=? AND ts_local>?)
 *   a destination's      SEARCH clicks USING INDEX clicks_by_destination (emailing_id=? AND destination=? AND id>?)
 *   an IP's              SEARCH clicks USING INDEX clicks_by_ip (emailing_id=? AND ip=? AND id>?)
 *   links it clicked     SEARCH destination_links USING PRIMARY KEY (emailing_id=? AND destination=?)
 *   its first click      SEARCH clicks USING COVERING INDEX clicks_by_destination (emailing_id=? AND destination=?)
 */
import type Database from 'better-sqlite3';
import { botReasonBit, type BotRules } from '../../shared/schemas/bots';
import { withoutMissingGridIndexes } from '../db/gridIndexes';
import { COLUMNS, type Row, SetBuilder } from './clickSet';
import { type ClickSet, isAddress, type JudgeContext } from './judge';

/** Bits of the rules that judge a click by itself and its destination (all but sticky). */
const BASE_MASK =
  botReasonBit.burst | botReasonBit.everyLink | botReasonBit.knownAgent | botReasonBit.scannerNetwork;
const FIRST_ID = Number.MIN_SAFE_INTEGER;

/** The statements whose plans the header names. */
export const neighbourhoodSql = {
  firstIdAt: `SELECT id FROM clicks INDEXED BY clicks_by_time WHERE emailing_id = ? AND ts_local >= ?
               ORDER BY ts_local, id LIMIT 1`,
  ofDestination: `SELECT ${COLUMNS} FROM clicks INDEXED BY clicks_by_destination
                   WHERE emailing_id = ? AND destination = ? AND id >= ?`,
  ofIp: `SELECT ${COLUMNS} FROM clicks INDEXED BY clicks_by_ip WHERE emailing_id = ? AND ip = ? AND id >= ?`,
  linksOf: 'SELECT COUNT(*) FROM destination_links WHERE emailing_id = ? AND destination = ?',
  idsOfDestination:
    'SELECT id FROM clicks INDEXED BY clicks_by_destination WHERE emailing_id = ? AND destination = ?',
};

export interface Found {
  set: ClickSet;
  ids: Float64Array;
  /** The verdicts stored before (0 for the new clicks). */
  stored: Uint8Array;
  isNew: Uint8Array;
  /** The verdicts now. */
  reasons: Uint8Array;
  /** Cached clicks read beside the new ones. */
  neighbours: number;
}

export interface AroundOptions {
  /** The emailing has more links than the verdicts were judged with. */
  linksChanged: boolean;
  judge(set: ClickSet, extra: Partial<JudgeContext>): Uint8Array;
}

export class Neighbourhood {
  private readonly byId: Database.Statement;
  private readonly firstIdAt: Database.Statement;
  private readonly ofDestination: Database.Statement;
  private readonly ofIp: Database.Statement;
  private readonly linksOf: Database.Statement;
  private readonly idsOfDestination: Database.Statement;
  private readonly storedReasons: Database.Statement;
  private readonly qualifies = new Map<number, boolean>();

  constructor(
    private readonly db: Database.Database,
    private readonly emailingKey: number,
    private readonly rules: BotRules,
    private readonly linkCount: number,
  ) {
    const indexed = (sql: string): Database.Statement =>
      db.prepare(withoutMissingGridIndexes(db, sql)).raw(true);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM clicks WHERE emailing_id = ? AND id = ?`).raw(true);
    this.firstIdAt = db.prepare(withoutMissingGridIndexes(db, neighbourhoodSql.firstIdAt)).pluck();
    this.ofDestination = indexed(neighbourhoodSql.ofDestination);
    this.ofIp = indexed(neighbourhoodSql.ofIp);
    this.linksOf = db.prepare(neighbourhoodSql.linksOf).pluck();
    this.idsOfDestination = db
      .prepare(withoutMissingGridIndexes(db, neighbourhoodSql.idsOfDestination))
      .pluck();
    this.storedReasons = db
      .prepare('SELECT reasons FROM bot_clicks WHERE emailing_id = ? AND click_id = ?')
      .pluck();
  }

  around(newIds: readonly number[], options: AroundOptions): Found {
    const { rules, emailingKey } = this;
    const rows = new Map<number, Row>();
    const fresh = new Set<number>();
    let earliest = Infinity;
    let timed = true;
    for (const id of newIds) {
      const row = this.byId.get(emailingKey, id) as Row | undefined;
      if (!row) continue;
      rows.set(id, row);
      fresh.add(id);
      if (row[2] === null) timed = false;
      else earliest = Math.min(earliest, row[2]);
    }
    const follows =
      timed &&
      this.db
        .prepare('SELECT time_follows_id FROM sync_state WHERE emailing_id = ?')
        .pluck()
        .get(emailingKey) === 1;
    const burstSeconds = rules.burst.enabled ? rules.burst.seconds : 0;
    const stickySeconds = rules.sticky.enabled ? rules.sticky.minutes * 60 : 0;
    const idFrom = (seconds: number): number =>
      follows
        ? ((this.firstIdAt.get(emailingKey, earliest - seconds) as number | undefined) ?? FIRST_ID)
        : FIRST_ID;
    const destinationFrom = idFrom(burstSeconds);
    const ipFrom = idFrom(burstSeconds + stickySeconds);
    const add = (found: Row[]): void => {
      for (const row of found) if (!rows.has(row[0])) rows.set(row[0], row);
    };

    // Burst windows around the new clicks; destinations that gain or lose "every link", whole.
    const destinations = new Set<number>();
    for (const row of rows.values()) if (row[5] !== null) destinations.add(row[5]);
    const whole = new Set<number>(options.linksChanged ? this.everyLinkDestinations() : []);
    for (const d of destinations) if (this.everyLinkOf(d) && this.lacksEveryLink(d, fresh)) whole.add(d);
    for (const d of destinations)
      if (!whole.has(d)) add(this.ofDestination.all(emailingKey, d, destinationFrom) as Row[]);
    for (const d of whole) add(this.ofDestination.all(emailingKey, d, FIRST_ID) as Row[]);

    const withoutSticky = { ...rules, sticky: { ...rules.sticky, enabled: false } };
    let found = this.judged(rows, fresh, (set, stored) =>
      options.judge(set, {
        rules: withoutSticky,
        everyLinkOf: (d) => this.everyLinkOf(d),
        knownBits: (i) => (stored[i] as number) & botReasonBit.burst,
      }),
    );
    if (!rules.sticky.enabled) return found;

    // The IPs whose sticky bits can change: of the new clicks, and of clicks whose bits did.
    const windowed = new Set<string>();
    const wholeIps = new Set<string>();
    for (let i = 0; i < found.set.count; i++) {
      const ip = found.set.ip[i];
      if (ip === null || ip === undefined || !isAddress(ip)) continue;
      if (found.isNew[i]) {
        windowed.add(ip);
        continue;
      }
      const before = (found.stored[i] as number) & BASE_MASK;
      const after = (found.reasons[i] as number) & BASE_MASK;
      if (before === after) continue;
      if ((before & ~after) !== 0 || (found.ids[i] as number) < ipFrom) wholeIps.add(ip);
      else windowed.add(ip);
    }
    for (const ip of wholeIps) windowed.delete(ip);
    for (const ip of windowed) add(this.ofIp.all(emailingKey, ip, ipFrom) as Row[]);
    for (const ip of wholeIps) add(this.ofIp.all(emailingKey, ip, FIRST_ID) as Row[]);

    found = this.judged(rows, fresh, (set, stored) =>
      options.judge(set, {
        everyLinkOf: (d) => this.everyLinkOf(d),
        knownBits: (i) => (stored[i] as number) & botReasonBit.burst,
        ipComplete: (ip) => windowed.has(ip) || wholeIps.has(ip),
        storedSticky: (i) => ((stored[i] as number) & botReasonBit.sticky) !== 0,
      }),
    );
    // A stored sticky bit stays where the IP was read from the window only (the flagged click
    // behind it may be older), and goes where the click now has a bit of its own.
    const { set, stored, reasons, isNew } = found;
    for (let i = 0; i < set.count; i++) {
      const base = (reasons[i] as number) & BASE_MASK;
      if (base !== 0) {
        reasons[i] = base;
        continue;
      }
      const ip = set.ip[i];
      if (!isNew[i] && ip !== null && ip !== undefined && windowed.has(ip))
        reasons[i]! |= (stored[i] as number) & botReasonBit.sticky;
    }
    return found;
  }

  /** The rows as a set in click-ID order, with their stored verdicts, judged by `judge`. */
  private judged(
    rows: Map<number, Row>,
    fresh: Set<number>,
    judge: (set: ClickSet, stored: Uint8Array) => Uint8Array,
  ): Found {
    const builder = new SetBuilder(rows.size);
    for (const row of [...rows.values()].sort((a, b) => a[0] - b[0])) builder.add(row);
    const { set, ids } = builder;
    const stored = new Uint8Array(set.count);
    const isNew = new Uint8Array(set.count);
    for (let i = 0; i < set.count; i++) {
      const id = ids[i] as number;
      if (fresh.has(id)) isNew[i] = 1;
      else stored[i] = (this.storedReasons.get(this.emailingKey, id) as number | undefined) ?? 0;
    }
    return { set, ids, stored, isNew, reasons: judge(set, stored), neighbours: set.count - fresh.size };
  }

  /** Whether the destination clicked every link of the emailing (when that rule applies). */
  private everyLinkOf(destination: number): boolean {
    const { everyLink } = this.rules;
    if (!everyLink.enabled || this.linkCount < everyLink.minLinks) return false;
    let qualifies = this.qualifies.get(destination);
    if (qualifies === undefined) {
      qualifies = (this.linksOf.get(this.emailingKey, destination) as number) >= this.linkCount;
      this.qualifies.set(destination, qualifies);
    }
    return qualifies;
  }

  /** Whether the destination's cached clicks lack the "every link" bit (all of them do, or none). */
  private lacksEveryLink(destination: number, fresh: Set<number>): boolean {
    const clicks = this.idsOfDestination.iterate(this.emailingKey, destination) as IterableIterator<number>;
    for (const id of clicks) {
      if (fresh.has(id)) continue;
      const reasons = (this.storedReasons.get(this.emailingKey, id) as number | undefined) ?? 0;
      clicks.return?.();
      return (reasons & botReasonBit.everyLink) === 0;
    }
    return false;
  }

  /** Destinations flagged for clicking every link: a new link can end that. */
  private everyLinkDestinations(): number[] {
    return (
      this.db
        .prepare(
          `SELECT DISTINCT c.destination FROM bot_clicks b
             JOIN clicks c ON c.emailing_id = b.emailing_id AND c.id = b.click_id
            WHERE b.emailing_id = ? AND (b.reasons & ${botReasonBit.everyLink}) <> 0`,
        )
        .pluck()
        .all(this.emailingKey) as (number | null)[]
    ).filter((d): d is number => d !== null);
  }
}
