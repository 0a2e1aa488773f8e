/**
 * The verdict of every click of a set: 0 for a person, else the bits of the rules that flag it
 * (shared/schemas/bots.ts). Pure: the caller loads the clicks (all of an emailing, or the
 * neighbourhood of a refresh's new clicks: see verdictPass.ts) and stores the result.
 *
 * - burst: a destination clicks at least `minLinks` distinct links within `seconds` of each
 *   other (the span of the window, first to last click); every click of such a window is flagged.
 * - everyLink: a destination clicks every link of an emailing that has at least `minLinks`.
 * - knownAgent, scannerNetwork: per click, from its user agent and IP (each distinct one tested
 *   once, by the caller's cached tests).
 * - sticky: a click of an IP within `minutes` after a click of that IP that another rule flagged.
 *   Sticky does not chain (a sticky click starts no window), and an IP that is no address
 *   (Copernica's zeroed "0.0.0.0", none) joins nobody: it would flag every person of old data.
 *
 * Destination and IP groups are made with a counting sort over dense keys, so a million clicks
 * cost a few linear passes; inside a group, clicks are put in time order when they are not.
 */
import type { BotRules } from '../../shared/schemas/bots';
import { botReasonBit } from '../../shared/schemas/bots';

/** A set of clicks, column by column; `null` values are NaN (numbers) or -1 (references). */
export interface ClickSet {
  count: number;
  link: Int32Array;
  wall: Float64Array;
  destination: Float64Array;
  agent: Int32Array;
  ip: (string | null)[];
}

export interface JudgeContext {
  rules: BotRules;
  /** Distinct links the emailing has. */
  linkCount: number;
  agentIsBot(agent: number): boolean;
  ipInRanges(ip: string): boolean;
  /**
   * For a neighbourhood: whether the sticky rule can be judged for this IP (all its clicks are
   * in the set); when not, `storedSticky` gives the bit it had. Absent: every IP is complete.
   */
  ipComplete?(ip: string): boolean;
  storedSticky?(index: number): boolean;
  /**
   * For a neighbourhood, which holds only part of a destination's clicks: whether the
   * destination clicked every link (from destination_links), instead of counting its links in
   * the set. Absent: the set holds every click of each destination.
   */
  everyLinkOf?(destination: number): boolean;
  /**
   * For a neighbourhood: rule bits a click is known to have (a burst found when clicks outside
   * the set were judged), added before the sticky rule reads them.
   */
  knownBits?(index: number): number;
}

const BASE_MASK =
  botReasonBit.burst | botReasonBit.everyLink | botReasonBit.knownAgent | botReasonBit.scannerNetwork;

export function judgeClicks(set: ClickSet, context: JudgeContext): Uint8Array {
  const { rules } = context;
  const reasons = new Uint8Array(set.count);
  perClickRules(set, context, reasons);
  if (rules.burst.enabled || rules.everyLink.enabled) destinationRules(set, context, reasons);
  if (context.knownBits) for (let i = 0; i < set.count; i++) reasons[i]! |= context.knownBits(i);
  if (rules.sticky.enabled) stickyRule(set, context, reasons);
  return reasons;
}

function perClickRules(set: ClickSet, context: JudgeContext, reasons: Uint8Array): void {
  const { rules } = context;
  const agentRule = rules.knownAgent.enabled;
  const networkRule = rules.scannerNetwork.enabled && rules.scannerNetwork.ranges.length > 0;
  if (!agentRule && !networkRule) return;
  for (let i = 0; i < set.count; i++) {
    let bits = 0;
    if (agentRule) {
      const agent = set.agent[i] as number;
      if (agent < 0 || context.agentIsBot(agent)) bits |= botReasonBit.knownAgent;
    }
    const ip = set.ip[i];
    if (networkRule && ip !== null && ip !== undefined && context.ipInRanges(ip))
      bits |= botReasonBit.scannerNetwork;
    reasons[i] = bits;
  }
}

function destinationRules(set: ClickSet, context: JudgeContext, reasons: Uint8Array): void {
  const { burst, everyLink } = context.rules;
  const everyLinkApplies = everyLink.enabled && context.linkCount >= everyLink.minLinks;
  const { order, starts } = groupsOf(set.count, (i) => {
    const d = set.destination[i] as number;
    return Number.isNaN(d) ? null : d;
  });
  const linkCounts = new Map<number, number>();
  const distinct = new Set<number>();
  for (let g = 0; g + 1 < starts.length; g++) {
    const from = starts[g] as number;
    const to = starts[g + 1] as number;
    if (everyLinkApplies && context.everyLinkOf) {
      if (context.everyLinkOf(set.destination[order[from] as number] as number))
        for (let k = from; k < to; k++) reasons[order[k] as number]! |= botReasonBit.everyLink;
    }
    if (to - from < 2) continue;
    inTimeOrder(order, from, to, set.wall);
    if (everyLinkApplies && !context.everyLinkOf) {
      distinct.clear();
      for (let k = from; k < to; k++) {
        const link = set.link[order[k] as number] as number;
        if (link >= 0) distinct.add(link);
      }
      if (distinct.size >= context.linkCount) {
        for (let k = from; k < to; k++) reasons[order[k] as number]! |= botReasonBit.everyLink;
      }
    }
    if (!burst.enabled) continue;
    // A sliding window of clicks at most `seconds` apart, with a count per link in it.
    linkCounts.clear();
    let left = from;
    let marked = from - 1;
    for (let right = from; right < to; right++) {
      const r = order[right] as number;
      const wall = set.wall[r] as number;
      const link = set.link[r] as number;
      if (Number.isNaN(wall)) continue;
      if (link >= 0) linkCounts.set(link, (linkCounts.get(link) ?? 0) + 1);
      for (;;) {
        const l = order[left] as number;
        const leftWall = set.wall[l] as number;
        if (!Number.isNaN(leftWall) && wall - leftWall <= burst.seconds) break;
        const leftLink = set.link[l] as number;
        if (!Number.isNaN(leftWall) && leftLink >= 0) {
          const n = (linkCounts.get(leftLink) as number) - 1;
          if (n === 0) linkCounts.delete(leftLink);
          else linkCounts.set(leftLink, n);
        }
        left += 1;
      }
      if (linkCounts.size >= burst.minLinks) {
        for (let k = Math.max(left, marked + 1); k <= right; k++)
          reasons[order[k] as number]! |= botReasonBit.burst;
        marked = right;
      }
    }
  }
}

function stickyRule(set: ClickSet, context: JudgeContext, reasons: Uint8Array): void {
  const window = context.rules.sticky.minutes * 60;
  const { order, starts } = groupsOf(set.count, (i) => {
    const ip = set.ip[i];
    return ip === null || ip === undefined || !isAddress(ip) ? null : ip;
  });
  // Clicks of IPs that join no group keep what they had (in a neighbourhood) or are not sticky.
  if (context.storedSticky) {
    const grouped = new Uint8Array(set.count);
    for (let k = 0; k < (starts[starts.length - 1] as number); k++) grouped[order[k] as number] = 1;
    for (let i = 0; i < set.count; i++) {
      if (!grouped[i] && context.storedSticky(i)) reasons[i]! |= botReasonBit.sticky;
    }
  }
  for (let g = 0; g + 1 < starts.length; g++) {
    const from = starts[g] as number;
    const to = starts[g + 1] as number;
    const ip = set.ip[order[from] as number] as string;
    if (context.ipComplete && !context.ipComplete(ip)) {
      for (let k = from; k < to; k++) {
        const i = order[k] as number;
        if (context.storedSticky?.(i)) reasons[i]! |= botReasonBit.sticky;
      }
      continue;
    }
    let flagged = false;
    for (let k = from; k < to; k++) flagged ||= ((reasons[order[k] as number] as number) & BASE_MASK) !== 0;
    if (!flagged) continue;
    inTimeOrder(order, from, to, set.wall);
    let lastBase = -Infinity;
    // Clicks of the same second as a flagged one are "after" it: a second's clicks are taken together.
    for (let k = from; k < to;) {
      const wall = set.wall[order[k] as number] as number;
      let end = k;
      while (end < to && sameSecond(set.wall[order[end] as number] as number, wall)) {
        if (((reasons[order[end] as number] as number) & BASE_MASK) !== 0 && !Number.isNaN(wall))
          lastBase = wall;
        end += 1;
      }
      if (!Number.isNaN(wall) && wall - lastBase <= window) {
        for (let j = k; j < end; j++) {
          const i = order[j] as number;
          if (((reasons[i] as number) & BASE_MASK) === 0) reasons[i]! |= botReasonBit.sticky;
        }
      }
      k = end;
    }
  }
}

const sameSecond = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Copernica writes 0.0.0.0 (and may write ::) where it kept no address. */
export function isAddress(ip: string): boolean {
  return ip !== '' && ip !== '0.0.0.0' && ip !== '::' && ip !== '::0';
}

/**
 * The set's indexes grouped by key, keyless ones left out: `order[starts[g] .. starts[g+1])` is
 * group g, in the set's order (for the sync's sets, click-ID order, which is nearly time order).
 */
export function groupsOf(
  count: number,
  keyOf: (index: number) => number | string | null,
): { order: Int32Array; starts: Int32Array } {
  const dense = new Map<number | string, number>();
  const groupOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const key = keyOf(i);
    if (key === null) {
      groupOf[i] = -1;
      continue;
    }
    let g = dense.get(key);
    if (g === undefined) {
      g = dense.size;
      dense.set(key, g);
    }
    groupOf[i] = g;
  }
  const starts = new Int32Array(dense.size + 1);
  for (let i = 0; i < count; i++) {
    const g = groupOf[i] as number;
    if (g >= 0) starts[g + 1]! += 1;
  }
  for (let g = 0; g < dense.size; g++) starts[g + 1]! += starts[g] as number;
  const next = starts.slice(0, dense.size);
  const order = new Int32Array(starts[dense.size] as number);
  for (let i = 0; i < count; i++) {
    const g = groupOf[i] as number;
    if (g >= 0) order[next[g]!++] = i;
  }
  return { order, starts };
}

/** Sorts order[from..to) by time (clicks without a time last) unless it already is. */
function inTimeOrder(order: Int32Array, from: number, to: number, wall: Float64Array): void {
  const key = (i: number): number => {
    const w = wall[i] as number;
    return Number.isNaN(w) ? Infinity : w;
  };
  for (let k = from + 1; k < to; k++) {
    if (key(order[k] as number) < key(order[k - 1] as number)) {
      const slice = Array.from(order.subarray(from, to)).sort((a, b) => key(a) - key(b) || a - b);
      order.set(slice, from);
      return;
    }
  }
}
