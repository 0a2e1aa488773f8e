/**
 * A Marketing Suite emailing's exports and report, from the same cache as a Publisher one of the
 * same ID: its links by URL with the ID and title empty, the report naming the product, and the
 * Publisher report as it was.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { exportFromCache } from '../../src/backend/export/exportCommand';
import { csvFormatFor } from '../../src/backend/export/csvFormat';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { useTempDir } from '../helpers/tempDir';
import { cellString, readWorkbook } from '../export/xlsxReaders';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['export-token'],
  emailings: [{ id: 930, subject: 'Publisher 930', clicks: 700 }],
  msEmailings: [{ id: 930, subject: 'Marketing Suite 930', clicks: 1500 }],
});
let dbPath: string;

// The temp folder is a test's own: each test syncs its cache.
beforeEach(async () => {
  dbPath = join(tempDir(), 'cache.db');
  const db = openDatabase(dbPath);
  const client = new CopernicaClient({ baseUrl: fake().url, token: 'export-token' });
  await runSync({
    db,
    source: client,
    plan: await planSync(client, fake().url, [930, { product: 'ms', id: 930 }]),
  });
  db.close();
});

const csv = csvFormatFor('en-US', { delimiter: ',', bom: false, guardFormulas: false });

it('exports the links of the Marketing Suite emailing, one row per URL, without IDs or titles', async () => {
  const out = join(tempDir(), 'links.csv');
  await exportFromCache({ dbPath, emailingId: 930, product: 'ms', view: 'links', format: 'csv', out, csv });
  const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
  const urls = new Set(
    fake()
      .clicksOf(930, 'ms')
      .map((c) => c.link),
  );
  expect(rows).toHaveLength(urls.size);
  expect(new Set(rows.map((r) => r.Link))).toEqual(urls);
  expect(rows.every((r) => (r['Link ID'] ?? '') === '' && (r['Link title'] ?? '') === '')).toBe(true);
  expect(rows.reduce((sum, r) => sum + Number(r.Clicks), 0)).toBe(1500);
});

it('the report names the product for Marketing Suite, and the Publisher report stays as it was', async () => {
  const summary = async (product: 'ms' | 'publisher'): Promise<string[]> => {
    const out = join(tempDir(), `${product}.xlsx`);
    await exportFromCache({ dbPath, emailingId: 930, product, view: 'report', format: 'xlsx', out, csv });
    const sheet = (await readWorkbook(out)).worksheets[0]!;
    const labels: string[] = [];
    sheet.eachRow((row) =>
      labels.push(`${cellString(row.getCell(1).value)}=${cellString(row.getCell(2).value)}`),
    );
    return labels;
  };
  const ms = await summary('ms');
  expect(ms).toContain('Product=Marketing Suite');
  expect(ms).toContain('Subject=Marketing Suite 930');
  expect(ms).toContain('Total clicks=1500');
  const publisher = await summary('publisher');
  expect(publisher.some((line) => line.startsWith('Product='))).toBe(false);
  expect(publisher).toContain('Subject=Publisher 930');
  expect(publisher).toContain('Total clicks=700');
});
