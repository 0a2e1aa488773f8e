/**
 * The api_clicks view holds what the CSV export of the clicks writes (the twelve API fields as
 * Copernica sent them), with the account and the emailing's Copernica ID beside them.
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLICK_API_FIELDS } from '../../src/backend/export/clicksQuery';
import { useFakeCopernica } from '../helpers/fakeCopernica';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();
const fake = useFakeCopernica({
  tokens: ['view-token'],
  emailings: [
    { id: 830, clicks: 1500 },
    { id: 831, clicks: 40 },
  ],
});

describe('the api_clicks view', () => {
  it('has the CSV export of each emailing, row for row, under its Copernica ID', async () => {
    const db = join(tempDir(), 'cache.db');
    fake().inject({
      kind: 'rows',
      path: /emailing\/830\/clicks$/,
      rowEdits: [{ row: 3, fields: { referer: null } }],
    });
    const synced = await runCli([
      ...['sync', '--base-url', fake().url, '--token', 'view-token', '--db', db],
      ...['--emailing', '830', '--emailing', '831'],
    ]);
    expect(synced.code, synced.stderr).toBe(0);
    const check = new Database(db, { readonly: true });
    const columns = check
      .prepare('SELECT * FROM api_clicks LIMIT 1')
      .columns()
      .map((c) => c.name);
    expect(columns).toEqual([
      'account_id',
      'account',
      'product',
      'copernica_emailing_id',
      ...CLICK_API_FIELDS,
    ]);
    for (const id of [830, 831]) {
      const run = await runCli([
        ...['export', '--db', db, '--emailing', String(id), '--out', '-'],
        ...['--no-bom', '--no-formula-guard', '--delimiter', ','],
      ]);
      expect(run.code, run.stderr).toBe(0);
      const exported = parse(run.stdout, { columns: true }) as Record<string, string>[];
      const viewed = check
        .prepare(
          `SELECT ${CLICK_API_FIELDS.join(', ')}, account FROM api_clicks WHERE copernica_emailing_id = ? ORDER BY ID`,
        )
        .all(id) as Record<string, string | number | null>[];
      expect(viewed.map((row) => row.account)).toEqual(viewed.map(() => 'Development'));
      expect(
        viewed.map((row) =>
          Object.fromEntries(CLICK_API_FIELDS.map((f) => [f, row[f] === null ? '' : String(row[f])])),
        ),
      ).toEqual(
        // The export adds the verdict (bot, bot_reasons) after the twelve API fields; the view has those alone.
        exported.map((row) => Object.fromEntries(CLICK_API_FIELDS.map((f) => [f, row[f]]))),
      );
      expect(exported).toHaveLength(fake().clickCount(id));
    }
    expect(
      check.prepare('SELECT COUNT(*) FROM api_clicks WHERE referer IS NULL').pluck().get(),
    ).toBeGreaterThan(0);
    check.close();
  });
});
