/**
 * Exports in the app's worker, through BackendHost as main drives them: the file is written on
 * a connection of its own while grid blocks keep answering, progress comes as contract events
 * (at most ten a second), and a cancelled or failed export leaves nothing in the folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventPayload, events } from '../../src/shared/contract';
import type { ExportViewRequest } from '../../src/shared/schemas/export';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { BackendHost } from '../../src/backend/host';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { emailingKeyOf } from '../helpers/cacheContents';

const CLICKS = 60_000;
let folder: string;
let host: BackendHost;
let emailingKey: number;
let exportCount = 0;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'copernica-export-host-'));
  const databasePath = join(folder, 'cache.db');
  const fake = await createFakeCopernica({
    tokens: ['t'],
    emailings: [{ id: 42, subject: 'Big export', clicks: CLICKS }],
  });
  const db = openDatabase(databasePath);
  const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
  await runSync({ db, source: client, plan: await planSync(client, fake.url, [42]) });
  await fake.close();
  emailingKey = emailingKeyOf(db, 42);
  db.close();
  host = await BackendHost.start({ databasePath, version: '9.9.9' });
}, 60_000);

afterAll(async () => {
  await host?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A fresh, empty folder for one test's files. */
function outFolder(): string {
  const dir = join(folder, `out-${++exportCount}`);
  mkdirSync(dir);
  return dir;
}

function progressOf(exportId: string) {
  const seen: { at: number; event: EventPayload<'exportProgress'> }[] = [];
  const stop = host.onEvent((name, payload) => {
    if (name !== 'exportProgress') return;
    const event = events.exportProgress.parse(payload);
    if (event.exportId === exportId) seen.push({ at: Date.now(), event });
  });
  return { seen, stop };
}

function clicksRequest(out: string, format: 'csv' | 'xlsx' = 'xlsx'): ExportViewRequest {
  return {
    view: 'clicks',
    emailingKey,
    sortModel: [{ colId: 'timestamp', sort: 'desc' }],
    filterModel: {},
    columns: [
      { colId: 'timestamp', header: 'Clicked at' },
      { colId: 'linkTitle', header: 'Link title' },
      { colId: 'userAgent', header: 'User agent' },
      { colId: 'profile', header: 'Profile' },
    ],
    format,
    out,
  };
}

describe('exports in the backend worker', () => {
  it('writes the file while grid blocks keep answering, with throttled progress events', async () => {
    const out = join(outFolder(), 'clicks.xlsx');
    const { seen, stop } = progressOf('e-1');
    const started = Date.now();
    let exportDone = 0;
    const exporting = host
      .internal('exportView', { exportId: 'e-1', request: clicksRequest(out) })
      .then((r) => {
        exportDone = Date.now();
        return r;
      });

    await expect.poll(() => seen.some((s) => s.event.rows > 0), { timeout: 20_000, interval: 5 }).toBe(true);
    const block = await host.call('getClicksBlock', {
      emailingKey,
      startRow: 500,
      endRow: 600,
      sortModel: [{ colId: 'ip', sort: 'asc' }],
      filterModel: {},
    });
    const blockAnswered = Date.now();
    expect(block).toMatchObject({ ok: true, value: { rowCount: CLICKS } });
    if (block.ok) expect(block.value.rows).toHaveLength(100);

    const result = await exporting;
    stop();
    expect(result).toEqual({ ok: true, value: { rows: CLICKS, sheets: 1, out } });
    // The grid's block was answered during the export, not after it.
    expect(blockAnswered).toBeLessThan(exportDone);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(join(out, '..'))).toEqual(['clicks.xlsx']);

    expect(seen[0]?.event).toMatchObject({ phase: 'writing', rows: 0, path: out, error: null });
    expect(seen.every((s) => s.event.phase === 'writing')).toBe(true);
    const rows = seen.map((s) => s.event.rows);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(seen.some((s) => s.event.total === CLICKS)).toBe(true);
    // At most ten a second (plus the first).
    const seconds = (exportDone - started) / 1000;
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1);
    for (let i = 2; i < seen.length; i++) expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(90);
  });

  it('cancels an export mid-way and leaves no file behind', async () => {
    const dir = outFolder();
    const out = join(dir, 'cancelled.csv');
    const { seen, stop } = progressOf('e-2');
    // Cancelled as every request is: the host's `cancel` message aborts the handler's signal.
    const cancel = new AbortController();
    const exporting = host.internal(
      'exportView',
      {
        exportId: 'e-2',
        request: { ...clicksRequest(out, 'csv'), csv: { delimiter: ';', bom: true, guardFormulas: true } },
      },
      cancel.signal,
    );
    await expect.poll(() => seen.some((s) => s.event.rows > 0), { timeout: 20_000, interval: 2 }).toBe(true);
    cancel.abort();
    const result = await exporting;
    stop();
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'The export was cancelled.' } });
    expect(readdirSync(dir)).toEqual([]);
    // Cancelling what is no longer running is not an error, and the worker keeps answering.
    cancel.abort();
    expect(await host.call('listCachedEmailings', {})).toMatchObject({ ok: true });
  });

  it('answers io_error for a folder that cannot be written, and not_cached for an unknown emailing', async () => {
    const missing = join(folder, 'no-such-folder', 'clicks.xlsx');
    const failed = await host.internal('exportView', { exportId: 'e-3', request: clicksRequest(missing) });
    expect(failed).toMatchObject({ ok: false, error: { code: 'io_error' } });
    if (!failed.ok) expect(failed.error.message).toContain('the folder does not exist');

    const dir = outFolder();
    const report = await host.internal('exportReport', {
      exportId: 'e-4',
      request: { emailingKey: emailingKey + 100, out: join(dir, 'report.xlsx') },
    });
    expect(report).toMatchObject({ ok: false, error: { code: 'not_cached' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes the client report workbook', async () => {
    const out = join(outFolder(), 'report.xlsx');
    const result = await host.internal('exportReport', { exportId: 'e-5', request: { emailingKey, out } });
    expect(result).toMatchObject({ ok: true, value: { out, sheets: 4 } });
    expect(existsSync(out)).toBe(true);
  });
});
