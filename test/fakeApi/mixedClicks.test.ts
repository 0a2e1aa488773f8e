import { describe, expect, it } from 'vitest';
import { MixedEmailing } from '../../src/backend/fakeApi/mixedClicks';
import { measureVerdictAccuracy } from '../../src/backend/fakeApi/verdictAccuracy';

const format = { userAgentKey: 'useragent', numbersAsStrings: false } as const;

describe('the fake’s mixed mode', () => {
  const emailing = new MixedEmailing({ id: 3, clicks: 4000 }, 1, { botShare: 0.25, links: 8 });
  type Row = Record<string, string | number> & { bot: boolean };
  const rows: Row[] = Array.from({ length: emailing.count }, (_, k) =>
    Object.assign(JSON.parse(emailing.rowJson(k, format)) as Record<string, string | number>, {
      bot: emailing.isBotAt(k),
    }),
  );

  it('makes about the share of scanner clicks it is asked for, in time and ID order', () => {
    const bots = rows.filter((r) => r.bot).length;
    expect(bots / rows.length).toBeGreaterThan(0.2);
    expect(bots / rows.length).toBeLessThan(0.3);
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k]!.ID as number).toBeGreaterThan(rows[k - 1]!.ID as number);
      expect(String(rows[k]!.timestamp) >= String(rows[k - 1]!.timestamp)).toBe(true);
    }
  });

  it('has each scanner fetch every link within a second from one IP of a /16', () => {
    const scans = new Map<string, typeof rows>();
    for (const r of rows.filter((row) => row.bot)) {
      const key = `${r.destination} ${r.ip}`;
      scans.set(key, [...(scans.get(key) ?? []), r]);
    }
    for (const scan of scans.values()) {
      if (scan.length < 8) continue; // a scan cut short at the end of the generated range
      expect(new Set(scan.map((r) => r.link_id)).size).toBe(8);
      expect(String(scan[0]!.ip)).toMatch(/^52\.96\./);
      const seconds = scan.map((r) => Date.parse(`${r.timestamp}Z`) / 1000);
      expect(Math.max(...seconds) - Math.min(...seconds)).toBeLessThanOrEqual(1);
    }
  });

  it('scores flagged click IDs against its truth: precision over the flagged, recall over the bots', () => {
    const botIds = rows.filter((r) => r.bot).map((r) => r.ID as number);
    const personId = rows.find((r) => !r.bot)!.ID as number;
    expect(emailing.verdictAccuracy(new Set(botIds))).toEqual({ precision: 1, recall: 1 });
    const half = botIds.slice(0, botIds.length / 2);
    expect(emailing.verdictAccuracy(new Set([...half, personId]))).toEqual({
      precision: half.length / (half.length + 1),
      recall: half.length / botIds.length,
    });
  });

  it('gives people one to four clicks with real agents', () => {
    const people = rows.filter((r) => !r.bot);
    const perDestination = new Map<unknown, number>();
    for (const r of people) perDestination.set(r.destination, (perDestination.get(r.destination) ?? 0) + 1);
    expect(Math.max(...perDestination.values())).toBeLessThanOrEqual(8);
    expect(people.some((r) => String(r.useragent).includes('Outlook'))).toBe(true);
  });
});

function measure(seed: number, bulk: boolean): Promise<{ precision: number; recall: number }> {
  const spec = { id: 5, clicks: 12_000, mixed: { botShare: 0.25 } };
  return measureVerdictAccuracy(spec, seed, {
    bulkLoad: { minRows: bulk ? 1000 : 1_000_000 },
    commitGroup: { rows: 1000, ms: 0 },
  });
}

describe('verdicts against the fake’s truth', () => {
  it.each([
    [1, false],
    [2, false],
    [3, true],
  ])(
    'reach a precision and recall of 0.95 (seed %i, bulk load %s)',
    async (seed, bulk) => {
      const { precision, recall } = await measure(seed, bulk);
      expect(precision).toBeGreaterThanOrEqual(0.95);
      expect(recall).toBeGreaterThanOrEqual(0.95);
    },
    60_000,
  );
});
