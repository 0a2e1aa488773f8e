import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeClientReport } from '../../src/backend/report/clientReport';
import { KeyFiguresView } from '../../src/backend/figures/keyFigures';
import { reportTexts } from '../../src/backend/report/reportTexts';
import { formatFigure, formatRate } from '../../src/shared/figures/rates';
import { useTempDir } from '../helpers/tempDir';
import { pdfPages, pdfText, popplerMissing, renderPages, squeezed } from './pdfReaders';
import { EMOJI_TITLE, LONG_TITLE, SENT_44, useReportCache } from './reportSeed';

const tempDir = useTempDir();
const cache = useReportCache();

async function report(
  key: number,
  style: { language: 'nl' | 'en'; numberLocale: 'nl-NL' | 'en-US' },
  scope = {},
) {
  const out = join(tempDir(), `report-${key}-${style.language}.pdf`);
  await writeClientReport(cache().db, { emailingKeys: [key], format: 'pdf', style, scope, out });
  return out;
}

describe.skipIf(popplerMissing)('the PDF report of one emailing, read back with pdftotext', () => {
  it.each([
    ['en', 'en-US'],
    ['nl', 'nl-NL'],
  ] as const)(
    'prints every key figure and rate as the figures module computes it (%s, %s)',
    async (language, locale) => {
      const key = cache().keys[53];
      const text = pdfText(await report(key, { language, numberLocale: locale }), { layout: true });
      const figures = new KeyFiguresView(cache().db).emailingFigures(key);
      const { copernica: c, cache: k, rates: r } = figures;
      expect(c).not.toBeNull();
      const words = reportTexts(language);
      const expected: [string, string][] = [
        [words.destinations, formatFigure(c!.destinations, locale)],
        [`${words.delivered} ¹`, formatFigure(c!.delivered, locale)],
        [words.opened, formatFigure(c!.impressions.unique, locale)],
        [words.clickedUnique, formatFigure(c!.clicks.unique, locale)],
        [words.errors, formatFigure(c!.errors, locale)],
        [words.unsubscribes, formatFigure(c!.unsubscribes, locale)],
        [words.complaints, formatFigure(c!.abuses, locale)],
        [`${words.openRate} ²`, formatRate(r.openRate, locale)],
        [`${words.clickRate} ³`, formatRate(r.clickRate, locale)],
        [`${words.clickToOpenRate} ⁴`, formatRate(r.clickToOpenRate, locale)],
        [`${words.copernicaCtr} ⁵`, formatRate(r.copernicaCtr, locale)],
        [words.clicks, formatFigure(k.clicks, locale)],
        [`${words.uniqueClickers} ⁶`, formatFigure(k.uniqueClickers, locale)],
        [`${words.uniqueLinkClicks} ⁷`, formatFigure(k.uniqueLinkClicks, locale)],
      ];
      const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      for (const [label, value] of expected) {
        const printed = new RegExp(`^\\s*${escape(label)}\\s+(\\S+)\\s*$`, 'm').exec(text)?.[1];
        expect(printed, label).toBe(value);
      }
      // Copernica's worked example, 690 ÷ (2400 + 690), and the cache's 1,500 clicks.
      expect(r.copernicaCtr).toBeCloseTo(690 / 3090, 10);
      expect(k.clicks).toBe(1_500);
      // Each rate is printed with its formula as a footnote; the reconciliation line is there.
      expect(text).toContain(words.formulas.clickToOpenRate);
      expect(text).toContain(words.formulas.copernicaCtr.slice(0, 40));
      expect(text).toContain(`${words.reconciliation}:`);
      expect(text).toMatch(language === 'en' ? /Page 1 of \d/ : /Pagina 1 van \d/);
    },
  );

  it('writes nl-NL numbers with a decimal comma and Dutch words when asked, each apart', async () => {
    const key = cache().keys[53];
    const dutch = pdfText(await report(key, { language: 'nl', numberLocale: 'nl-NL' }), { layout: true });
    expect(dutch).toContain('Kerncijfers');
    expect(dutch).toContain('1.500');
    expect(dutch).toMatch(/\s\d+,\d%/);
    expect(dutch).not.toMatch(/\s\d+\.\d%/);
    expect(dutch).toMatch(/Pagina 1 van \d/);
    // English words with Dutch numbers: the language and the number format are separate choices.
    const mixed = pdfText(await report(key, { language: 'en', numberLocale: 'nl-NL' }), { layout: true });
    expect(mixed).toContain('Key figures');
    expect(mixed).toContain('1.500');
    expect(mixed).toMatch(/\s\d+,\d%/);
  });

  it('keeps accents, € and emoji, marks what the font lacks visibly, and wraps a 300-character title', async () => {
    const out = await report(cache().keys[44], { language: 'en', numberLocale: 'en-US' });
    const text = pdfText(out);
    expect(LONG_TITLE).toHaveLength(300);
    expect(squeezed(text)).toContain(squeezed(LONG_TITLE));
    // DejaVu has 😀 but no flag: the flag becomes one visible □, never a blank.
    expect(text).toContain(EMOJI_TITLE.replace('🇳🇱', '□'));
    expect(text).toContain('Zomer – een onderwerp dat lang genoeg is');
    // Every line of the layout stays on the page: no line is longer than the page is wide.
    const layout = pdfText(out, { layout: true });
    expect(Math.max(...layout.split('\n').map((l) => l.length))).toBeLessThan(160);
    const pages = pdfPages(out);
    expect(pages).toBeGreaterThanOrEqual(2);
    const pngs = renderPages(out, 'report-page');
    expect(pngs).toHaveLength(pages);
    for (const png of pngs) expect(statSync(png).size).toBeGreaterThan(5_000);
  });

  it('keeps the system links apart from the content links', async () => {
    const text = pdfText(await report(cache().keys[44], { language: 'en', numberLocale: 'en-US' }));
    const top = text.indexOf('Top links');
    const system = text.indexOf('System links');
    expect(top).toBeGreaterThan(0);
    expect(system).toBeGreaterThan(top);
    const topSection = text.slice(top, system);
    expect(topSection).not.toContain('{unsubscribe}');
    expect(topSection).not.toContain('{webversion}');
    expect(topSection).not.toContain('facebook.com/sharer');
    const systemSection = text.slice(system);
    for (const link of ['{unsubscribe}', '{webversion}', 'facebook.com/sharer'])
      expect(systemSection).toContain(link);
  });

  it('covers the period and filters on screen, and says so on its first page', async () => {
    const key = cache().keys[44];
    // The first 2 days after sending, clicks on the shop's pages only.
    const scope = {
      dateRange: { from: SENT_44, to: '2024-06-05 09:00:00' },
      filterModel: { link: { filterType: 'text', type: 'contains', filter: 'shop.example.nl' } },
    } as const;
    const out = await report(key, { language: 'en', numberLocale: 'en-US' }, scope);
    const text = pdfText(out, { layout: true });
    const firstPage = text.split('\f')[0]!;
    expect(firstPage).toContain('The first 2 days after sending.');
    expect(firstPage).toContain(
      'Only clicks matching 1 filter of the clicks grid: Link contains “shop.example.nl”.',
    );
    const expected = cache()
      .db.prepare(
        `SELECT COUNT(*) AS n FROM clicks c JOIN links l ON l.id = c.link
          WHERE c.emailing_id = ? AND l.url LIKE '%shop.example.nl%' AND c.ts_local < ?`,
      )
      .get(key, Date.parse('2024-06-05T09:00:00Z') / 1000) as { n: number };
    expect(expected.n).toBeGreaterThan(0);
    expect(expected.n).toBeLessThan(15);
    expect(/Clicks\s+(\d+)\n/.exec(firstPage)?.[1]).toBe(String(expected.n));
    const whole = pdfText(await report(key, { language: 'nl', numberLocale: 'nl-NL' }), { layout: true });
    expect(whole.split('\f')[0]).toContain('Alle opgeslagen kliks van de mailing.');
    expect(/Kliks\s+(\d+)\n/.exec(whole)?.[1]).toBe('15');
  });

  it('leaves suspected bots out when the switch says so, says how many and by which rules, and breaks down devices', async () => {
    const { db, keys } = cache();
    const key = keys[54];
    const bots = db
      .prepare('SELECT COUNT(*) FROM bot_clicks WHERE emailing_id = ?')
      .pluck()
      .get(key) as number;
    expect(bots).toBeGreaterThan(50);
    const total = 1_000;
    const left = pdfText(
      await report(key, { language: 'en', numberLocale: 'en-US' }, { excludeBots: true }),
      {
        layout: true,
      },
    );
    const firstPage = left.split('\f')[0]!;
    expect(firstPage.replace(/\s+/g, ' ')).toContain(
      `Suspected bots: ${bots} suspected bot clicks are left out of every figure, chart and ranking. (by rule:`,
    );
    expect(/^\s*Clicks\s+(\S+)\s*$/m.exec(firstPage)?.[1]).toBe((total - bots).toLocaleString('en-US'));
    const kept = pdfText(await report(key, { language: 'en', numberLocale: 'en-US' }), { layout: true });
    expect(kept.split('\f')[0]).toContain(`Suspected bot clicks are included (${bots} of them)`);
    expect(/^\s*Clicks\s+(\S+)\s*$/m.exec(kept)?.[1]).toBe(total.toLocaleString('en-US'));
    for (const text of [left, kept]) {
      expect(text).toContain('Device type');
      expect(text).toContain('Operating system');
    }
  });

  it('leaves no file when the report cannot be written', async () => {
    const out = join(tempDir(), 'missing-folder', 'report.pdf');
    await expect(
      writeClientReport(cache().db, { emailingKeys: [cache().keys[44]], format: 'pdf', out }),
    ).rejects.toMatchObject({ code: 'io_error' });
    expect(existsSync(out)).toBe(false);
  });
});
