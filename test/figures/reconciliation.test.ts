import { describe, expect, it } from 'vitest';
import { parseCopernicaStatistics } from '../../src/backend/figures/copernicaStatistics';
import { reconcile } from '../../src/backend/figures/reconciliation';

const copernica = (total: number | null, unique: number | null) =>
  parseCopernicaStatistics({ clicks: { total, unique } });

describe('reconciliation', () => {
  it('is complete when clicks and clicking destinations agree', () => {
    expect(reconcile(copernica(120, 40), { clicks: 120, uniqueClickers: 40, uniqueLinkClicks: 70 })).toEqual({
      status: 'complete',
      difference: 0,
      cachedClicks: 120,
      copernicaClicks: 120,
      cachedClickers: 40,
      copernicaClickers: 40,
    });
  });

  it('counts the clicks Copernica has that the cache does not hold yet', () => {
    expect(
      reconcile(copernica(120, 40), { clicks: 100, uniqueClickers: 38, uniqueLinkClicks: 60 }),
    ).toMatchObject({
      status: 'missing',
      difference: 20,
    });
  });

  it('counts the clicking destinations missing when the clicks agree', () => {
    expect(
      reconcile(copernica(120, 40), { clicks: 120, uniqueClickers: 37, uniqueLinkClicks: 60 }),
    ).toMatchObject({
      status: 'missing',
      difference: 3,
    });
  });

  it('says how many more the cache holds than Copernica reports', () => {
    expect(
      reconcile(copernica(120, 40), { clicks: 125, uniqueClickers: 41, uniqueLinkClicks: 60 }),
    ).toMatchObject({
      status: 'extra',
      difference: 5,
    });
  });

  it('puts missing before extra: a refresh mends the one and may explain the other', () => {
    expect(
      reconcile(copernica(120, 40), { clicks: 125, uniqueClickers: 38, uniqueLinkClicks: 60 }),
    ).toMatchObject({
      status: 'missing',
      difference: 2,
    });
  });

  it('holds against only what Copernica gave', () => {
    expect(
      reconcile(copernica(null, 40), { clicks: 999, uniqueClickers: 40, uniqueLinkClicks: 60 }),
    ).toMatchObject({
      status: 'complete',
      difference: 0,
    });
  });
});
