import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeClientReport } from '../../src/backend/report/clientReport';
import { reportPreview } from '../../src/backend/report/reportPreview';
import { useTempDir } from '../helpers/tempDir';
import { pdfText, popplerMissing } from './pdfReaders';
import { useReportCache } from './reportSeed';

const tempDir = useTempDir();
const cache = useReportCache();

describe.skipIf(popplerMissing)('the preview of a report is its first page', () => {
  it.each([
    ['one emailing', [53], 'pdf'],
    ['a comparison', [51, 52, 53], 'pdf'],
  ] as const)(
    '%s: every fact, line and figure of the preview is on the PDF’s first page',
    async (_, ids, format) => {
      const { db, keys } = cache();
      const input = {
        emailingKeys: ids.map((id) => keys[id]),
        format,
        style: { language: 'nl', numberLocale: 'nl-NL' },
        scope: { dateRange: { from: '2024-01-01 00:00:00', to: '2024-12-31 00:00:00' } },
      } as const;
      const preview = reportPreview(db, input);
      const out = join(tempDir(), 'report.pdf');
      await writeClientReport(db, { ...input, out });
      const firstPage = pdfText(out, { layout: true }).split('\f')[0]!;
      const squeeze = (t: string) => t.replace(/\s+/g, ' ').trim();
      const page = squeeze(firstPage);
      expect(page).toContain(squeeze(preview.title));
      const bare = firstPage.replace(/\s+/g, '');
      for (const [label, value] of preview.facts) {
        expect(bare).toContain(label.replace(/\s+/g, ''));
        expect(bare).toContain(value.replace(/\s+/g, ''));
      }
      for (const line of preview.lines) expect(page).toContain(squeeze(line).slice(0, 60));
      for (const table of preview.tables)
        for (const row of table.rows) expect(page, row.join(' | ')).toContain(squeeze(row.join(' ')));
      expect(preview.tables.flatMap((t) => t.rows).length).toBeGreaterThan(10);
      for (const note of preview.notes) expect(bare).toContain(note.replace(/\s+/g, ''));
    },
  );
});
