import { describe, expect, it } from 'vitest';
import {
  deliveredOf,
  destinationsAffected,
  parseCopernicaStatistics,
} from '../../src/backend/figures/copernicaStatistics';

/** The v3 example of rest-get-publisher-emailing-statistics.md. */
const v3Example = {
  destinations: 10,
  deliveries: { total: 10 },
  errors: { total: 1, unique: 1 },
  impressions: { total: 4, unique: 3 },
  clicks: { total: 2, unique: 2 },
  unsubscribes: { total: 0, unique: 0 },
  abuses: { total: 0, unique: 0 },
  unknown: { total: 0 },
  dominant_results: {
    destinations: 10,
    errors: 1,
    abuses: 0,
    unsubscribes: 0,
    clicks: 2,
    impressions: 2,
    deliveries: 0,
  },
};

describe("parsing Copernica's statistics", () => {
  it('reads the documented v3 example', () => {
    const s = parseCopernicaStatistics(v3Example);
    expect(s.destinations).toBe(10);
    expect(s.deliveries.total).toBe(10);
    expect(s.impressions).toEqual({ total: 4, unique: 3 });
    expect(s.clicks).toEqual({ total: 2, unique: 2 });
    expect(s.dominant).toMatchObject({ clicks: 2, impressions: 2, destinations: 10 });
    expect(s.retries).toEqual({ total: null, unique: null });
  });

  it('takes counters sent as strings, as the Marketing Suite example sends destinations', () => {
    const s = parseCopernicaStatistics({
      destinations: '13801',
      clicks: { total: '217', unique: ' 90 ' },
      retries: { total: '3', unique: '2' },
    });
    expect(s.destinations).toBe(13801);
    expect(s.clicks).toEqual({ total: 217, unique: 90 });
    expect(s.retries).toEqual({ total: 3, unique: 2 });
  });

  it('leaves every missing or unreadable field null, never 0', () => {
    const s = parseCopernicaStatistics({
      clicks: { total: 'many', unique: -4 },
      impressions: null,
      errors: { total: 1.5 },
      dominant_results: 'none',
    });
    expect(s.destinations).toBeNull();
    expect(s.deliveries.total).toBeNull();
    expect(s.clicks).toEqual({ total: null, unique: null });
    expect(s.impressions).toEqual({ total: null, unique: null });
    expect(s.errors).toEqual({ total: null, unique: null });
    expect(s.dominant).toBeNull();
    expect(parseCopernicaStatistics({})).toMatchObject({ destinations: null, dominant: null });
  });

  it('takes a bare counter where an object was expected as its total', () => {
    expect(parseCopernicaStatistics({ clicks: '12' }).clicks).toEqual({ total: 12, unique: null });
  });

  it('refuses only a body that is not an object, with a message for the user', () => {
    for (const body of [null, [], 'ok', 3]) {
      expect(() => parseCopernicaStatistics(body)).toThrow(/not a JSON object/);
    }
  });
});

describe('delivered', () => {
  it('is deliveries.total where Copernica gives it', () => {
    expect(deliveredOf(parseCopernicaStatistics({ ...v3Example, deliveries: { total: 8 } }))).toBe(8);
  });

  it('is destinations − unique errors otherwise', () => {
    expect(
      deliveredOf(parseCopernicaStatistics({ destinations: 200, errors: { total: 9, unique: 7 } })),
    ).toBe(193);
  });

  it('is not given when either term is missing', () => {
    expect(deliveredOf(parseCopernicaStatistics({ destinations: 200 }))).toBeNull();
    expect(deliveredOf(parseCopernicaStatistics({ errors: { total: 1, unique: 1 } }))).toBeNull();
  });

  it('counts destinations affected by their unique count, else the total', () => {
    expect(destinationsAffected({ total: 5, unique: 3 })).toBe(3);
    expect(destinationsAffected({ total: 5, unique: null })).toBe(5);
    expect(destinationsAffected({ total: null, unique: null })).toBeNull();
  });
});
