import { describe, expect, it } from 'vitest';
import { FakeEmailing, formatWallClock, parseWallClock } from '../../src/backend/fakeApi/data';

const format = { userAgentKey: 'useragent' as const, numbersAsStrings: true };

describe('generated clicks', () => {
  it('look like a real emailing of 1M clicks without materialising them', () => {
    const emailing = new FakeEmailing({ id: 1001, clicks: 1_000_000 }, 1);
    const profiles = new Set<string>();
    const links = new Map<string, number>();
    const agents = new Set<string>();
    let referers = 0;
    let subprofiles = 0;
    let ipv6 = 0;
    let sharedSeconds = 0;
    let previous = '';
    let previousId = 0;
    const step = 10;
    for (let k = 0; k < 1_000_000; k += step) {
      const row = JSON.parse(emailing.rowJson(k, format)) as Record<string, string | null>;
      profiles.add(row.profile!);
      links.set(row.link_id!, (links.get(row.link_id!) ?? 0) + 1);
      agents.add(row.useragent!);
      if (row.referer !== null) referers++;
      if (row.subprofile !== null) subprofiles++;
      if (row.ip!.includes(':')) ipv6++;
      expect(row.timestamp! >= previous).toBe(true);
      expect(Number(row.ID)).toBeGreaterThan(previousId);
      previous = row.timestamp!;
      previousId = Number(row.ID);
    }
    for (let k = 1; k < 2000; k++)
      if (emailing.timestampAt(k) === emailing.timestampAt(k - 1)) sharedSeconds++;
    const sampled = 1_000_000 / step;
    expect(links.size).toBe(40);
    const counts = [...links.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(5 * counts[39]!);
    expect(agents.size).toBeGreaterThanOrEqual(55);
    for (const agent of agents) expect(agent.length).toBeGreaterThanOrEqual(110);
    for (const agent of agents) expect(agent.length).toBeLessThanOrEqual(140);
    expect(referers / sampled).toBeCloseTo(0.22, 1);
    expect(subprofiles / sampled).toBeCloseTo(0.1, 1);
    expect(ipv6).toBeGreaterThan(0);
    expect(sharedSeconds).toBeGreaterThan(1000);
    // 100k sampled rows of 1M, with ~290k distinct profiles overall, hit ~85k of them.
    expect(profiles.size).toBeGreaterThan(80_000);
    expect(profiles.size).toBeLessThan(300_000);
  });

  it('has link titles that need care in exports', () => {
    const emailing = new FakeEmailing({ id: 5, clicks: 5000 }, 1);
    const titles = new Set<string>();
    for (let k = 0; k < 5000; k++) titles.add(JSON.parse(emailing.rowJson(k, format)).link_title as string);
    expect(titles).toContain('Café – ü');
    expect([...titles].some((t) => t.startsWith('='))).toBe(true);
    expect([...titles].some((t) => t.startsWith('-50%'))).toBe(true);
  });

  it('formats and parses wall-clock times', () => {
    expect(formatWallClock(parseWallClock('2024-03-31 02:30:05'))).toBe('2024-03-31 02:30:05');
    expect(formatWallClock(parseWallClock('2024-02-29'))).toBe('2024-02-29 00:00:00');
  });
});
