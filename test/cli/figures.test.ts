import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmailingFiguresSchema } from '../../src/shared/schemas/figures';
import { runCli } from '../helpers/runCli';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const fake = useFakeCopernica({ tokens: ['cli-token'], emailings: [{ id: 1914, clicks: 1800 }] });

async function synced(): Promise<string> {
  const db = join(tempDir(), 'cache.db');
  const run = await runCli([
    'sync',
    '--base-url',
    fake().url.replace(/v2$/, 'v3'),
    '--emailing',
    '1914',
    '--db',
    db,
    '--token',
    'cli-token',
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Copernica's statistics fetched");
  return db;
}

describe('npm run cli -- figures', () => {
  it('prints with --json exactly the object of the issue, with the statistics sync fetched', async () => {
    const db = await synced();
    const run = await runCli(['figures', '--emailing', '1914', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const figures = JSON.parse(run.stdout) as Record<string, unknown>;
    // .strict() refuses any key the issue does not name, at every level.
    const strict = EmailingFiguresSchema.strict().extend({
      copernica: EmailingFiguresSchema.shape.copernica.unwrap().strict(),
      cache: EmailingFiguresSchema.shape.cache.strict(),
      rates: EmailingFiguresSchema.shape.rates.strict(),
      reconciliation: EmailingFiguresSchema.shape.reconciliation.unwrap().strict(),
    });
    expect(strict.parse(figures)).toEqual(figures);
    expect(Object.keys(figures)).toEqual(['emailing', 'copernica', 'cache', 'rates', 'reconciliation']);
    expect(figures).toMatchObject({
      emailing: 1914,
      copernica: { clicks: { total: 1800 } },
      cache: { clicks: 1800, botClicks: 0, humanClicks: 1800 },
      reconciliation: { status: 'complete', difference: 0 },
    });
    const rates = figures.rates as Record<string, number>;
    expect(rates.openRate).toBeGreaterThan(0);
    expect(rates.copernicaCtr).toBeGreaterThan(0);
  });

  it('prints the figures as a table, with every rate, its formula and the reconciliation', async () => {
    const db = await synced();
    const run = await runCli(['figures', '--emailing', '1914', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Emailing 1914\nCopernica, as of \d{4}-/);
    expect(run.stdout).toMatch(/Clicks\s+1,800\s+1,800/);
    expect(run.stdout).toMatch(
      /Copernica CTR\s+\d+\.\d%\s+dominant clicks ÷ \(dominant impressions \+ dominant clicks\)/,
    );
    expect(run.stdout).toMatch(/Open rate\s+\d+\.\d%\s+unique impressions ÷ delivered/);
    expect(run.stdout).toContain('Reconciliation: Complete: the cache holds every click Copernica counts.');
  });

  it('says when the emailing is not cached (exit 1) and when it is asked wrongly (exit 2)', async () => {
    const db = await synced();
    const missing = await runCli(['figures', '--emailing', '77', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Emailing 77 is not in the cache/);
    const wrong = await runCli(['figures', '--emailing', 'x', '--db', db]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/"x" is not an emailing ID/);
    expect((await runCli(['figures', '--db', db])).code).toBe(2);
  });
});
