import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';
import { readWorkbook } from './xlsxReaders';

const tempDir = useTempDir();
const env = { LC_ALL: 'en_US.UTF-8' };
let fake: FakeCopernica;
let db: string;
let dir: string;
let flagged: number;

beforeAll(async () => {
  fake = await createFakeCopernica({
    tokens: ['cli-token'],
    emailings: [{ id: 77, subject: 'People and scanners', clicks: 2400, mixed: {} }],
  });
  dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'copernica-bots-'));
  db = join(dir, 'cache.db');
  const run = await runCli(['sync', '--base-url', fake.url, '--emailing', '77', '--db', db], {
    COPERNICA_TOKEN: 'cli-token',
  });
  expect(run.code).toBe(0);
  const cache = new Database(db, { readonly: true });
  flagged = cache.prepare('SELECT COUNT(*) FROM bot_clicks').pluck().get() as number;
  cache.close();
});
afterAll(async () => {
  await fake.close();
  (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
});

const exportCsv = async (...more: string[]) => {
  const out = join(tempDir(), 'out.csv');
  const run = await runCli(
    ['export', '--emailing', '77', '--db', db, '--no-bom', '--out', out, ...more],
    env,
  );
  expect(run.code).toBe(0);
  return { run, records: parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[] };
};

describe('the CLI’s exports and the suspected bots', () => {
  it('holds every click, with bot and bot_reasons after the twelve API fields', async () => {
    const { records, run } = await exportCsv();
    expect(flagged).toBeGreaterThan(300);
    expect(records).toHaveLength(2400);
    expect(Object.keys(records[0]!).slice(12)).toEqual(['bot', 'bot_reasons']);
    const bots = records.filter((r) => r.bot === '1');
    expect(bots).toHaveLength(flagged);
    expect(
      bots.every((r) => /^(burst|everyLink|knownAgent|scannerNetwork|sticky)( \w+)*$/.test(r.bot_reasons!)),
    ).toBe(true);
    expect(records.filter((r) => r.bot === '0').every((r) => r.bot_reasons === '')).toBe(true);
    expect(run.stdout).not.toMatch(/left out/);
  });

  it('leaves the suspected bots out with --exclude-bots, and says so', async () => {
    const { records, run } = await exportCsv('--exclude-bots');
    expect(records).toHaveLength(2400 - flagged);
    expect(records.every((r) => r.bot === '0')).toBe(true);
    expect(run.stdout).toMatch(/suspected bots left out/);
  });

  it('exports the devices view, every click or without the suspected bots, saying which in the headers', async () => {
    const { records } = await exportCsv('--view', 'devices');
    expect(Object.keys(records[0]!)[2]).toBe('Clicks (suspected bots included)');
    const deviceClicks = (rows: Record<string, string>[]) =>
      rows
        .filter((r) => r.Breakdown === 'Device type')
        .reduce((sum, r) => sum + Number(Object.values(r)[2]), 0);
    expect(deviceClicks(records)).toBe(2400);
    expect(records.map((r) => r.Breakdown)).toEqual(
      expect.arrayContaining(['Device type', 'Operating system', 'Browser or mail client']),
    );
    const people = await exportCsv('--view', 'devices', '--exclude-bots');
    expect(deviceClicks(people.records)).toBe(2400 - flagged);

    const out = join(tempDir(), 'devices.xlsx');
    const run = await runCli(
      [
        'export',
        '--emailing',
        '77',
        '--db',
        db,
        '--view',
        'devices',
        '--format',
        'xlsx',
        '--exclude-bots',
        '--out',
        out,
      ],
      env,
    );
    expect(run.code).toBe(0);
    const sheet = (await readWorkbook(out)).getWorksheet('Devices') as ExcelJS.Worksheet;
    expect(JSON.stringify(sheet.getRow(1).values)).toMatch(/suspected bots left out/);
  });
});

describe('the client report', () => {
  it('carries the bot line with its rules and the device breakdown without the bots', async () => {
    const out = join(tempDir(), 'report.xlsx');
    const run = await runCli(
      ['export', '--emailing', '77', '--db', db, '--view', 'report', '--out', out],
      env,
    );
    expect(run.code).toBe(0);
    const summary = (await readWorkbook(out)).getWorksheet('Summary') as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    summary.eachRow((row) => rows.push([1, 2, 3, 4].map((c) => row.getCell(c).value)));
    const row = (label: string) => rows.find((r) => r[0] === label);
    expect(row('Suspected bot clicks left out')?.[1]).toBe(flagged);
    expect(String(row('Suspected bot clicks left out')?.[2])).toMatch(
      /^by rule: burst \d+, every link \d+, known agent \d+/,
    );
    expect(row('Rules')?.[1]).toBe(
      'burst (2+ links within 2 s); every link (emailings of 3+ links); known agent; sticky (same IP within 15 min)',
    );
    expect(row('Human clicks')?.[1]).toBe(2400 - flagged);
    expect(rows.some((r) => r[0] === 'Devices (suspected bots left out)')).toBe(true);
    const deviceClicks = rows.filter((r) => r[0] === 'Device type').reduce((sum, r) => sum + Number(r[2]), 0);
    expect(deviceClicks).toBe(2400 - flagged);
    expect(rows.some((r) => r[0] === 'Top links (suspected bots included)')).toBe(true);
  });
});
