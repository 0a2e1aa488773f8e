/**
 * The `fields[]` filter of Copernica's list calls, for the fake: `field operator value`,
 * ANDed; field names case-insensitive; unknown fields and unreadable expressions ignored, as the
 * live API does. On clicks, ID and timestamp rise with the row index, so the range operators
 * become a binary search; only !=, =~ and !~ (and out-of-order appended timestamps) scan.
 */

export type Operator = '==' | '!=' | '<' | '>' | '<=' | '>=' | '=~' | '!~';

export interface Condition {
  field: string;
  op: Operator;
  value: string;
}

const expression = /^([A-Za-z_][\w.]*?)(==|!=|<>|<=|>=|=~|!~|<|>)(.*)$/s;

export function parseCondition(text: string): Condition | null {
  const m = expression.exec(text.trim());
  if (!m) return null;
  const [, field = '', op = '', value = ''] = m;
  return { field: field.toLowerCase(), op: (op === '<>' ? '!=' : op) as Operator, value };
}

/** Conditions from `fields[]=…` and the indexed `fields[0]=…` form that PHP's http_build_query sends. */
export function conditionsOf(query: URLSearchParams): Condition[] {
  const conditions: Condition[] = [];
  for (const [name, value] of query) {
    if (name !== 'fields[]' && name !== 'fields' && !/^fields\[\d+\]$/.test(name)) continue;
    const condition = parseCondition(value);
    if (condition) conditions.push(condition);
  }
  return conditions;
}

/** SQL LIKE (`%`, `_`), case-insensitive as Copernica's MySQL collation is. */
export function likePattern(value: string): RegExp {
  let source = '';
  for (const ch of value) {
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** What the filter needs to know about the rows: their number and two ascending keys. */
export interface Rows {
  count: number;
  idAt(k: number): number;
  timestampAt(k: number): string;
  timestampsAscending: boolean;
}

/** Matching row indexes: a half-open range, or an explicit list when something had to scan. */
export type Selection = { lo: number; hi: number; list: null } | { lo: 0; hi: number; list: number[] };

type Key = (k: number) => number | string;

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function test(op: Operator, key: number | string, value: number | string, like: RegExp | null): boolean {
  switch (op) {
    case '==':
      return key === value;
    case '!=':
      return key !== value;
    case '<':
      return key < value;
    case '>':
      return key > value;
    case '<=':
      return key <= value;
    case '>=':
      return key >= value;
    case '=~':
      return like !== null && like.test(String(key));
    case '!~':
      return like !== null && !like.test(String(key));
  }
}

/** First k in [lo, hi) with cmp(key(k), value) >= or > 0 (`strict`), for an ascending key. */
function firstAtLeast(key: Key, value: number | string, lo: number, hi: number, strict: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(key(mid), value);
    if (strict ? c > 0 : c >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function select(rows: Rows, conditions: readonly Condition[]): Selection {
  let lo = 0;
  let hi = rows.count;
  const scans: Array<(k: number) => boolean> = [];
  for (const c of conditions) {
    let key: Key;
    let value: number | string;
    let ascending: boolean;
    if (c.field === 'id') {
      value = Number(c.value);
      if (c.value.trim() === '' || !Number.isFinite(value)) continue;
      key = (k) => rows.idAt(k);
      ascending = true;
    } else if (c.field === 'timestamp') {
      value = c.value;
      key = (k) => rows.timestampAt(k);
      ascending = rows.timestampsAscending;
    } else {
      continue;
    }
    const rangeOp = c.op !== '!=' && c.op !== '=~' && c.op !== '!~';
    if (rangeOp && ascending) {
      if (c.op === '>=' || c.op === '==') lo = Math.max(lo, firstAtLeast(key, value, lo, hi, false));
      if (c.op === '>') lo = Math.max(lo, firstAtLeast(key, value, lo, hi, true));
      if (c.op === '<') hi = Math.min(hi, firstAtLeast(key, value, lo, hi, false));
      if (c.op === '<=' || c.op === '==') hi = Math.min(hi, firstAtLeast(key, value, lo, hi, true));
      if (hi < lo) hi = lo;
    } else {
      const like = c.op === '=~' || c.op === '!~' ? likePattern(c.value) : null;
      const op = c.op;
      const v = value;
      const textual = like !== null;
      scans.push((k) => test(op, textual ? String(key(k)) : key(k), v, like));
    }
  }
  if (scans.length === 0) return { lo, hi, list: null };
  const list: number[] = [];
  for (let k = lo; k < hi; k++) if (scans.every((keep) => keep(k))) list.push(k);
  return { lo: 0, hi: list.length, list };
}

/** The row indexes of one page of a selection. */
export function pageOf(selection: Selection, start: number, limit: number): number[] {
  const total = selection.list ? selection.list.length : selection.hi - selection.lo;
  if (start < 0 || limit < 0 || start >= total) return [];
  const end = Math.min(total, start + limit);
  const out = new Array<number>(end - start);
  for (let i = start; i < end; i++) out[i - start] = selection.list ? selection.list[i]! : selection.lo + i;
  return out;
}

export function selectionSize(selection: Selection): number {
  return selection.list ? selection.list.length : selection.hi - selection.lo;
}
