import { describe, expect, it } from 'vitest';
import { parseCopernicaStatistics } from '../../src/backend/figures/copernicaStatistics';
import { computeRates } from '../../src/backend/figures/rates';
import type { CacheFigures } from '../../src/shared/schemas/figures';
import { formatFigure, formatRate, rateDefinitions } from '../../src/shared/figures/rates';
import { rateIds } from '../../src/shared/schemas/figures';

function cache(humanUniqueClickers: number): CacheFigures {
  return {
    clicks: 0,
    uniqueClickers: humanUniqueClickers,
    uniqueLinkClicks: 0,
    botClicks: 0,
    humanClicks: 0,
    humanUniqueClickers,
    botClicksByReason: { burst: 0, everyLink: 0, knownAgent: 0, scannerNetwork: 0, sticky: 0 },
  };
}

describe('rates', () => {
  it("give Copernica's own worked example: 120 impressions where 12 also clicked is a 9 % CTR", () => {
    const statistics = parseCopernicaStatistics({ dominant_results: { impressions: 120, clicks: 12 } });
    const { copernicaCtr } = computeRates(statistics, cache(0));
    expect(copernicaCtr).toBeCloseTo(12 / 132, 12);
    expect(formatRate(copernicaCtr, 'en-US')).toBe('9.1%');
    expect(Math.round((copernicaCtr ?? 0) * 100)).toBe(9);
  });

  it('follow their formulas on a hand-computed emailing', () => {
    // 1000 destinations, 40 unique errors, no deliveries counter: delivered = 960.
    const statistics = parseCopernicaStatistics({
      destinations: '1000',
      errors: { total: 45, unique: 40 },
      impressions: { total: 700, unique: 480 },
      clicks: { total: 300, unique: 96 },
      dominant_results: { impressions: 384, clicks: 96 },
    });
    const rates = computeRates(statistics, cache(72));
    expect(rates.openRate).toBe(480 / 960); // 50 %
    expect(rates.clickRate).toBe(96 / 960); // 10 %
    expect(rates.clickToOpenRate).toBe(96 / 480); // 20 %
    expect(rates.copernicaCtr).toBe(96 / 480); // 96 ÷ (384 + 96)
    expect(rates.humanClickRate).toBe(72 / 960); // 7.5 %
  });

  it('are not given when a term is missing or the divisor is 0, never 0', () => {
    expect(computeRates(null, cache(5))).toEqual({
      openRate: null,
      clickRate: null,
      clickToOpenRate: null,
      copernicaCtr: null,
      humanClickRate: null,
    });
    const noOpens = computeRates(
      parseCopernicaStatistics({
        deliveries: { total: 0 },
        impressions: { total: 0, unique: 0 },
        clicks: { unique: 0 },
      }),
      cache(0),
    );
    expect(noOpens.openRate).toBeNull();
    expect(noOpens.clickToOpenRate).toBeNull();
    expect(noOpens.copernicaCtr).toBeNull();
  });

  it('each have a formula to show on hover and in exports', () => {
    expect(rateDefinitions.map((d) => d.id)).toEqual([...rateIds]);
    for (const d of rateDefinitions) expect(d.formula).toMatch(/÷/);
  });
});

describe('the format of a rate', () => {
  // One rate per definition, each a different value: every rate in both locales.
  const values: Record<string, [number, string, string]> = {
    openRate: [0.5, '50,0%', '50.0%'],
    clickRate: [0.1, '10,0%', '10.0%'],
    clickToOpenRate: [0.2, '20,0%', '20.0%'],
    copernicaCtr: [12 / 132, '9,1%', '9.1%'],
    humanClickRate: [0.075, '7,5%', '7.5%'],
  };
  it.each(rateDefinitions.map((d) => [d.id, ...values[d.id]!] as const))(
    '%s: %s is %s in nl-NL and %s in en-US',
    (_id, value, nl, en) => {
      expect(formatRate(value, 'nl-NL')).toBe(nl);
      expect(formatRate(value, 'en-US')).toBe(en);
    },
  );

  it('writes a rate or figure that was not given as a dash', () => {
    expect(formatRate(null, 'nl-NL')).toBe('—');
    expect(formatFigure(null, 'nl-NL')).toBe('—');
    expect(formatFigure(0, 'nl-NL')).toBe('0');
    expect(formatFigure(12345, 'nl-NL')).toBe('12.345');
  });
});
