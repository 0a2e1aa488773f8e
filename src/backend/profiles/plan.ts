/**
 * Which requests bring the fields of a set of clicking profiles for the fewest calls. A list
 * call (`database/$id/profiles` with `fields[]=id>=a&fields[]=id<=b`) brings up to a page of
 * 1000 profiles, clickers or not; `profile/$id` brings one. With the database's density in the
 * clickers' span (profiles per ID, from one `limit=1` call's total), a range of IDs that holds
 * about a page of profiles costs one request, so: from the lowest clicker left, the clickers
 * within one page's worth of IDs are one range call when there are two or more of them, else
 * that clicker is asked alone. This leftmost greedy is optimal for covering points with
 * intervals of one length (each a request), and a lone clicker never costs more than it needs.
 */

/** An ID range to list (paged while pages come back full), or one entity to ask for. */
export type Segment =
  { kind: 'range'; from: number; to: number; clickers: number } | { kind: 'single'; id: number };

export interface FetchPlan {
  segments: Segment[];
  /** Requests the plan should take if the density holds (the probe not counted). */
  estimatedRequests: number;
}

export const PAGE_SIZE = 1000;
/**
 * A range is sized for this share of a page, so that a slightly denser stretch still fits in
 * one page; a full page makes the fetcher ask the next one, which costs a request.
 */
const PAGE_HEADROOM = 0.9;

/** With this few clickers no range can beat asking for each: no probe is spent on them. */
export const FEW_CLICKERS = 2;

/**
 * The plan for `ids` (ascending, distinct) given `density`, the share of IDs in their span that
 * are live entities (0 < density ≤ 1; a list never returns more than that).
 */
export function planFetch(ids: readonly number[], density: number, pageSize = PAGE_SIZE): FetchPlan {
  const segments: Segment[] = [];
  let estimatedRequests = 0;
  const perId = Math.min(1, Math.max(density, 1e-9));
  const span = Math.max(1, Math.floor((pageSize * PAGE_HEADROOM) / perId));
  let i = 0;
  while (i < ids.length) {
    const from = ids[i] as number;
    let j = i;
    while (j + 1 < ids.length && (ids[j + 1] as number) <= from + span - 1) j++;
    if (j > i) {
      const to = ids[j] as number;
      segments.push({ kind: 'range', from, to, clickers: j - i + 1 });
      estimatedRequests += Math.max(1, Math.ceil(((to - from + 1) * perId) / pageSize));
    } else {
      segments.push({ kind: 'single', id: from });
      estimatedRequests += 1;
    }
    i = j + 1;
  }
  return { segments, estimatedRequests };
}
