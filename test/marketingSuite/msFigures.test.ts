/**
 * Marketing Suite statistics feed the same key figures as Publisher's: the sync fetches
 * `ms/emailing/$id/statistics` (v4: `draganddrop/…`), the figures module parses it, and
 * `figures --ms-emailing` prints them; Publisher emailing of the same ID keeps its own.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmailingFiguresSchema } from '../../src/shared/schemas/figures';
import { runCli } from '../helpers/runCli';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['fig-token'],
  emailings: [{ id: 1914, clicks: 300, destinations: 2000 }],
  msEmailings: [{ id: 1914, clicks: 1800, destinations: 13_801 }],
});

describe('Marketing Suite key figures', () => {
  it('come from ms/emailing/$id/statistics through the sync, apart from the Publisher emailing of the same ID', async () => {
    const db = join(tempDir(), 'cache.db');
    fake().resetStats();
    const sync = await runCli([
      'sync',
      '--base-url',
      fake().url.replace(/v2$/, 'v4'),
      '--auth-url',
      fake().authUrl,
      '--emailing',
      '1914',
      '--ms-emailing',
      '1914',
      '--db',
      db,
      '--token',
      'fig-token',
    ]);
    expect(sync.code).toBe(0);
    expect(fake().requests.map((r) => r.path)).toContain('/v4/draganddrop/emailing/1914/statistics');
    expect(fake().requests.map((r) => r.path)).toContain('/v4/html/emailing/1914/statistics');

    const ms = await runCli(['figures', '--ms-emailing', '1914', '--db', db, '--json']);
    expect(ms.code).toBe(0);
    const figures = EmailingFiguresSchema.parse(JSON.parse(ms.stdout));
    // The fake sends destinations as a string, as Copernica's MS v2 example does.
    expect(figures.copernica).toMatchObject({ destinations: 13_801, clicks: { total: 1800 } });
    expect(figures.cache.clicks).toBe(1800);

    const publisher = EmailingFiguresSchema.parse(
      JSON.parse((await runCli(['figures', '--emailing', '1914', '--db', db, '--json'])).stdout),
    );
    expect(publisher.copernica?.destinations).toBe(2000);
    expect(publisher.cache.clicks).toBe(300);

    const text = await runCli(['figures', '--ms-emailing', '1914', '--db', db]);
    expect(text.stdout).toMatch(/Destinations\s+13,801/);
    const missing = await runCli(['figures', '--ms-emailing', '77', '--db', db]);
    expect(missing.stderr).toContain('Marketing Suite emailing 77 is not in the cache');
  });
});
