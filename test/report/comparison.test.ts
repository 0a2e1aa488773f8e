import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeClientReport } from '../../src/backend/report/clientReport';
import { comparisonData } from '../../src/backend/report/comparison';
import { emailingReportData, linkClicks, rankedLinks } from '../../src/backend/report/emailingReport';
import { reportKeyFigures } from '../../src/backend/report/reportFigures';
import { parseScope } from '../../src/backend/report/scopeSql';
import { matchKey } from '../../src/shared/linkMatching';
import { useTempDir } from '../helpers/tempDir';
import { readWorkbook } from '../export/xlsxReaders';
import { pdfText, popplerMissing, renderPages } from './pdfReaders';
import { useReportCache } from './reportSeed';

const tempDir = useTempDir();
const cache = useReportCache();
const whole = parseScope({});

describe('the comparison of several emailings', () => {
  it('gives each emailing exactly its own figures, oldest first', () => {
    const { keys, db } = cache();
    const comparison = comparisonData(db, [keys[53], keys[51], keys[52]], whole);
    expect(comparison.emailings.map((e) => e.remoteId)).toEqual([51, 52, 53]);
    for (const e of comparison.emailings) {
      expect(e.figures).toEqual(reportKeyFigures(db, e.emailingKey, whole));
      expect(e.figures).toEqual(emailingReportData(db, e.emailingKey, whole).figures);
    }
    expect(comparison.emailings.map((e) => e.figures.cache.clicks)).toEqual([1_200, 900, 1_500]);
  });

  it('matches links across emailings by address without tracking parameters', () => {
    const { keys, db } = cache();
    const comparison = comparisonData(db, [keys[51], keys[52], keys[53]], whole);
    // The fake's links differ per emailing in utm_campaign and utm_content only.
    const urls = db
      .prepare(`SELECT DISTINCT url FROM links WHERE emailing_id IN (?, ?, ?) AND url LIKE 'https://%'`)
      .pluck()
      .all(keys[51], keys[52], keys[53]) as string[];
    expect(new Set(urls.map(matchKey)).size).toBeLessThan(urls.length);
    for (const link of comparison.links) {
      expect(link.key).not.toMatch(/utm_/);
      expect(link.total).toBe(link.clicks.reduce<number>((a, b) => a + (b ?? 0), 0));
    }
    const shared = comparison.links.filter((l) => l.clicks.every((c) => c !== null));
    expect(shared.length).toBeGreaterThan(0);
    // Every click of each emailing is in exactly one matched row.
    comparison.emailings.forEach((e, i) =>
      expect(comparison.links.reduce((sum, l) => sum + (l.clicks[i] ?? 0), 0)).toBe(e.figures.cache.clicks),
    );
    // The web version is one system row for all three, after every content link.
    const web = comparison.links.findIndex((l) => l.key === '{webversion}');
    expect(comparison.links[web]?.kind).toBe('webversion');
    expect(comparison.links.slice(web).every((l) => l.kind !== 'content')).toBe(true);
  });

  it("matches each emailing's links by their clicks as its own ranking counts them, without its unique clickers", () => {
    const { keys, db } = cache();
    const narrowed = parseScope({
      filterModel: { id: { filterType: 'number', type: 'greaterThan', filter: 3 } },
    });
    for (const scope of [whole, narrowed])
      for (const key of [keys[51], keys[52], keys[53], keys[44]]) {
        const ranked = rankedLinks(db, key, scope, 1).map(({ url, title, kind, clicks }) => ({
          url,
          title,
          kind,
          clicks,
        }));
        expect(ranked.length).toBeGreaterThan(1);
        expect(linkClicks(db, key, scope)).toEqual(ranked);
      }
    // The pairs behind each link's unique clickers are never read: the comparison prints none.
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    const spied = Object.assign(Object.create(db) as typeof db, {
      prepare: (sql: string) => (statements.push(sql), prepare(sql)),
    });
    const comparison = comparisonData(spied, [keys[51], keys[52], keys[53]], whole);
    expect(comparison.links.length).toBeGreaterThan(1);
    expect(statements.length).toBeGreaterThan(3);
    expect(statements.filter((sql) => sql.includes('destination_links'))).toEqual([]);
  });

  it('writes xlsx with the key figures side by side and the matched links', async () => {
    const { keys, db } = cache();
    const out = join(tempDir(), 'comparison.xlsx');
    await writeClientReport(db, { emailingKeys: [keys[51], keys[52], keys[53]], format: 'xlsx', out });
    const workbook = await readWorkbook(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Key figures', 'Links', 'Formulas']);
    const figures = workbook.getWorksheet('Key figures')!;
    const header = (figures.getRow(1).values as unknown[]).slice(1);
    const clicksColumn = header.indexOf('Clicks') + 1;
    expect([2, 3, 4].map((r) => figures.getRow(r).getCell(1).value)).toEqual([51, 52, 53]);
    expect([2, 3, 4].map((r) => figures.getRow(r).getCell(clicksColumn).value)).toEqual([1_200, 900, 1_500]);
    const links = workbook.getWorksheet('Links')!;
    expect((links.getRow(1).values as unknown[]).slice(1)).toEqual(
      expect.arrayContaining(['Emailing 51', 'Emailing 52', 'Emailing 53', 'Total']),
    );
  });

  it('writes CSV with the key figures, one row per emailing, and a PDF with its chart and links', async () => {
    const { keys, db } = cache();
    const csv = join(tempDir(), 'comparison.csv');
    await writeClientReport(db, {
      emailingKeys: [keys[51], keys[52], keys[53]],
      format: 'csv',
      style: { language: 'nl', numberLocale: 'nl-NL' },
      out: csv,
    });
    const rows = parse(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]).toContain('Kliks');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['51', '52', '53']);
    expect(rows.slice(1).map((r) => r[rows[0]!.indexOf('Kliks')])).toEqual(['1200', '900', '1500']);

    if (popplerMissing) return;
    const pdf = join(tempDir(), 'comparison.pdf');
    await writeClientReport(db, {
      emailingKeys: [keys[51], keys[52], keys[53], keys[44]],
      format: 'pdf',
      out: pdf,
    });
    const text = pdfText(pdf, { layout: true });
    expect(text).toContain('Key figures side by side');
    expect(text).toContain('Click rate and click-to-open rate by send date');
    expect(text).toMatch(/^\s*Clicks\s+1,200\s+900\s+1,500\s+15\s*$/m);
    expect(text).toContain('Links matched across emailings');
    renderPages(pdf, 'comparison-page');
  });
});
