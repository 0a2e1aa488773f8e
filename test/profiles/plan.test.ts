import { describe, expect, it } from 'vitest';
import { planFetch } from '../../src/backend/profiles/plan';

describe('the profile fetch plan', () => {
  it('lists dense clickers in ranges of about a page of profiles', () => {
    // Every third ID of 30,000 clicked, in a database holding every ID.
    const ids = Array.from({ length: 10_000 }, (_, i) => 1_000_000 + i * 3);
    const plan = planFetch(ids, 1);
    expect(plan.segments.every((s) => s.kind === 'range')).toBe(true);
    // 30,000 profiles at 900 a range: 34 ranges, one request each.
    expect(plan.segments).toHaveLength(34);
    expect(plan.estimatedRequests).toBe(34);
    const covered = plan.segments.reduce((n, s) => n + (s.kind === 'range' ? s.clickers : 1), 0);
    expect(covered).toBe(ids.length);
  });

  it('asks for lone clickers one by one, never more requests than clickers', () => {
    const ids = [1_000_000, 1_200_000, 1_400_000, 1_600_000, 1_800_000];
    const plan = planFetch(ids, 1);
    expect(plan.segments).toEqual(ids.map((id) => ({ kind: 'single', id })));
    expect(plan.estimatedRequests).toBe(ids.length);
  });

  it('mixes a dense cluster with stragglers', () => {
    const cluster = Array.from({ length: 500 }, (_, i) => 2_000_000 + i);
    const ids = [1_000_000, ...cluster, 3_000_000];
    const plan = planFetch(ids, 0.5);
    expect(plan.segments[0]).toEqual({ kind: 'single', id: 1_000_000 });
    expect(plan.segments[1]).toEqual({ kind: 'range', from: 2_000_000, to: 2_000_499, clickers: 500 });
    expect(plan.segments[2]).toEqual({ kind: 'single', id: 3_000_000 });
    expect(plan.estimatedRequests).toBe(3);
  });

  it('widens the ranges where the database is sparse in IDs', () => {
    // A tenth of the IDs are profiles: a page's worth spans 9,000 IDs.
    const ids = Array.from({ length: 100 }, (_, i) => 1_000_000 + i * 100);
    const plan = planFetch(ids, 0.1);
    expect(plan.segments.map((s) => s.kind)).toEqual(['range', 'range']);
    expect(plan.segments[0]).toMatchObject({ from: 1_000_000, to: 1_008_900, clickers: 90 });
  });
});
