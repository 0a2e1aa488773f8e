/**
 * The client report's printed times say the zone their wall clock reads in, the account's
 * ("26 Oct 2024, 9:00 AM Europe/Amsterdam"): Copernica's times carry none, and a PDF travels.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeClientReport } from '../../src/backend/report/clientReport';
import { reportPreview } from '../../src/backend/report/reportPreview';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { useTempDir } from '../helpers/tempDir';
import { pdfText, popplerMissing } from './pdfReaders';
import { useReportCache } from './reportSeed';

const tempDir = useTempDir();
const cache = useReportCache();

const style = { language: 'en', numberLocale: 'en-US' } as const;
const scope = { dateRange: { from: '2024-01-01 00:00:00', to: '2024-12-31 00:00:00' } } as const;

/** Runs `check` with the account of emailing `id` set to `zone`, then puts its zone back. */
async function inZone(id: 53 | 51, zone: string, check: () => Promise<void> | void): Promise<void> {
  const { db, keys } = cache();
  const account = db.prepare('SELECT account_id FROM emailings WHERE id = ?').pluck().get(keys[id]);
  const before = db.prepare('SELECT time_zone FROM accounts WHERE id = ?').pluck().get(account);
  db.prepare('UPDATE accounts SET time_zone = ? WHERE id = ?').run(zone, account);
  try {
    await check();
  } finally {
    db.prepare('UPDATE accounts SET time_zone = ? WHERE id = ?').run(before, account);
  }
}

describe("the client report names the account's time zone with every time it prints", () => {
  it.each(['Europe/Amsterdam', 'America/New_York'])('one emailing, in %s', async (zone) => {
    await inZone(53, zone, async () => {
      const { db, keys } = cache();
      const input = { emailingKeys: [keys[53]], format: 'pdf' as const, style, scope };
      const preview = reportPreview(db, input);
      const facts = new Map(preview.facts);
      expect(facts.get('Sent')).toMatch(new RegExp(`^\\w{3} \\d+, 2024, .* ${zone}$`));
      const period = facts.get('Period covered') ?? '';
      expect(period.split(' – ')).toHaveLength(2);
      for (const end of period.split(' – ')) expect(end).toMatch(new RegExp(`\\d:\\d\\d.* ${zone}$`));
      expect(facts.get('Clicks fetched')).toMatch(new RegExp(` ${zone}$`));
      const range = preview.lines.find((line) => line.startsWith('Clicks from'));
      expect(range).toBe(`Clicks from Jan 1, 2024, 12:00 AM ${zone} until Dec 31, 2024, 12:00 AM ${zone}.`);

      if (popplerMissing) return;
      const out = join(tempDir(), 'report.pdf');
      await writeClientReport(db, { ...input, out });
      // A narrow column may wrap a zone after its slash.
      const bare = pdfText(out).replace(/\s+/g, '');
      expect(bare).toContain(facts.get('Sent')?.replace(/\s+/g, ''));
      expect(bare).toContain(`Firstclick(${zone})`);
      // The timeline's axes show bare hours and dates; its caption names their zone.
      expect(bare).toMatch(
        new RegExp(`Perhour,thefirst\\d+hoursaftersending\\(${zone.replace('/', '\\/')}\\)`),
      );
    });
  });

  it('a comparison: the send times under a header that names the zone, in the preview, the PDF and the CSV', async () => {
    const { db, keys } = cache();
    const emailingKeys = [keys[51], keys[52], keys[53]];
    const preview = reportPreview(db, { emailingKeys, format: 'pdf', style, scope });
    const list = preview.tables[0];
    expect(list?.columns).toEqual(['Emailing', 'Subject', 'Sent (Europe/Amsterdam)']);
    expect(preview.lines[0]).toContain('12:00 AM Europe/Amsterdam until');

    const out = join(tempDir(), 'comparison.csv');
    await writeClientReport(db, { emailingKeys, format: 'csv', style, scope, out });
    const [header] = parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), {
      delimiter: [',', ';'],
    }) as string[][];
    expect(header).toContain('Sent (Europe/Amsterdam)');
  });
});
