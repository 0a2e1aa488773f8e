/**
 * Main's export methods through main's own IPC handling, over a stand-in backend: the renderer
 * never names a path, the save dialog does; a closed dialog writes nothing; only exports of this
 * session can be cancelled or shown in their folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type MethodName, methodChannel } from '../../src/shared/contract';
import { fail, ok, type Result } from '../../src/shared/result';
import type { ExportProgressEvent, ExportResult, ExportViewInput } from '../../src/shared/schemas/export';
import { safeFileName, type SaveDialogRequest, suggestedFileName } from '../../src/main/exports';
import { createSenderCheck, type InvokeEvent, registerContractHandlers } from '../../src/main/ipc';
import type { BackendAccess } from '../../src/main/backendAccess';
import { createMainHandlers } from '../../src/main/mainHandlers';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copernica-main-export-'));
  folders.push(dir);
  return dir;
}

const emailing = {
  key: 7,
  accountId: 1,
  accountLabel: 'Fietsen B.V.',
  emailingId: 4101,
  subject: 'Voorjaarsactie: 20% korting / "álle" fietsen?',
  sentAt: '2025-03-04 09:00:00',
  clickCount: 20,
  lastRefreshedAt: null,
  lastError: null,
};

const viewInput: ExportViewInput = {
  view: 'clicks',
  emailingKey: 7,
  sortModel: [{ colId: 'timestamp', sort: 'desc' }],
  filterModel: {},
  columns: [{ colId: 'timestamp', header: 'Clicked at' }],
  format: 'csv',
  csv: { delimiter: ';', bom: true, guardFormulas: true },
};

type Answer = { canceled: boolean; filePath?: string };
/** What the stand-in for shell.openPath answers next: '' (opened) or the system's reason. */
const openAnswer: { next: string | null } = { next: null };

function setup(answers: Answer[] = []) {
  const documents = tempFolder();
  const dialogs: SaveDialogRequest[] = [];
  const showSaveDialog = vi.fn(async (request: SaveDialogRequest) => {
    dialogs.push(request);
    return answers.shift() ?? { canceled: true };
  });
  const showItemInFolder = vi.fn((_path: string) => undefined);
  const openPath = vi.fn(async (_path: string) => openAnswer.next ?? '');
  const sent: ExportProgressEvent[] = [];
  // Each export answers when the test settles it; a settled export writes its file, as the worker would.
  const pending = new Map<string, (result: Result<ExportResult>) => void>();
  // A cancelled request answers `cancelled`, as the worker does when its handler's signal aborts.
  const internal = vi.fn(
    async (_method: string, input: unknown, signal?: AbortSignal): Promise<Result<unknown>> => {
      const { exportId, request } = input as { exportId: string; request: { out: string } };
      signal?.addEventListener('abort', () =>
        pending.get(exportId)?.(fail({ code: 'cancelled', message: 'The export was cancelled.' })),
      );
      return new Promise((resolve) =>
        pending.set(exportId, (result) => {
          if (result.ok) writeFileSync(request.out, 'data');
          resolve(result);
        }),
      );
    },
  );
  // The emailing's name is looked up by key; `internal` records only what starts or stops an export.
  const backend = {
    call: vi.fn(async () => fail({ code: 'internal', message: 'x' })),
    internal: async (method: string, input: unknown, signal?: AbortSignal): Promise<Result<unknown>> => {
      if (method !== 'getCachedEmailing') return internal(method, input, signal);
      const { emailingKey } = input as { emailingKey: number };
      return ok(emailingKey === emailing.key ? emailing : null);
    },
  } as unknown as BackendAccess;
  const handlers = new Map<string, (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>>();
  const log = { warn: vi.fn(), error: vi.fn() };
  registerContractHandlers({
    ipcMain: { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
    isTrustedSender: createSenderCheck(() => true),
    backend,
    mainHandlers: createMainHandlers({
      openInShell: async () => undefined,
      backend,
      exports: {
        showSaveDialog,
        showItemInFolder,
        openPath,
        defaultFolder: () => documents,
        sendProgress: (event) => sent.push(event),
        log,
        now: () => new Date(2026, 10, 28, 23, 30),
      },
    }),
    validateOutput: true,
    log,
  });
  const invoke = (name: MethodName, input: unknown) =>
    handlers.get(methodChannel(name))!({ senderFrame: { url: 'app://renderer/', parent: null } }, input);
  const settle = async (exportId: string, result: Result<ExportResult>) => {
    pending.get(exportId)!(result);
    await vi.waitFor(() => expect(sent.some((e) => e.exportId === exportId)).toBe(true));
  };
  return {
    documents,
    dialogs,
    showSaveDialog,
    showItemInFolder,
    openPath,
    sent,
    internal,
    invoke,
    settle,
    log,
  };
}

async function started(result: Result<unknown>): Promise<{ exportId: string; path: string }> {
  expect(result).toMatchObject({ ok: true, value: { status: 'started' } });
  return (result as { value: { exportId: string; path: string } }).value;
}

describe('exportView', () => {
  it('suggests "client – subject – view – date", safe for any file system, in the documents folder', async () => {
    const { invoke, dialogs, documents } = setup();
    await invoke('exportView', viewInput);
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toMatchObject({
      defaultPath: join(
        documents,
        "Fietsen B.V. – Voorjaarsactie - 20% korting - 'álle' fietsen – Clicks – 2026-11-28.csv",
      ),
      filters: [{ extensions: ['csv'] }],
    });
  });

  it('writes nothing when the user closes the dialog', async () => {
    const { invoke, internal, documents, sent } = setup([{ canceled: true }]);
    expect(await invoke('exportView', viewInput)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(internal).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    expect(readdirSync(documents)).toEqual([]);
  });

  it('never takes a path from the window', async () => {
    const { invoke, showSaveDialog, internal } = setup();
    const result = await invoke('exportView', { ...viewInput, out: '/home/someone/.bashrc' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(showSaveDialog).not.toHaveBeenCalled();
    expect(internal).not.toHaveBeenCalled();
  });

  it('exports to the chosen path under a new ID, adds a missing extension, reports the outcome', async () => {
    const folder = tempFolder();
    const { invoke, internal, settle, sent, dialogs } = setup([
      { canceled: false, filePath: join(folder, 'mine') },
      { canceled: false, filePath: join(folder, 'second.xlsx') },
    ]);
    const first = await started(await invoke('exportView', viewInput));
    expect(first.path).toBe(join(folder, 'mine.csv'));
    expect(internal).toHaveBeenCalledWith(
      'exportView',
      {
        exportId: first.exportId,
        request: { ...viewInput, out: join(folder, 'mine.csv') },
      },
      expect.any(AbortSignal),
    );
    await settle(first.exportId, ok({ rows: 20, sheets: 1, out: first.path }));
    expect(sent).toEqual([
      { exportId: first.exportId, phase: 'done', rows: 20, total: 20, path: first.path, error: null },
    ]);

    // The next dialog opens where the user saved last.
    const second = await started(await invoke('exportView', { ...viewInput, format: 'xlsx' }));
    expect(dialogs[1]?.defaultPath.startsWith(join(folder, 'Fietsen B.V.'))).toBe(true);
    expect(second.exportId).not.toBe(first.exportId);
    expect(second.path).toBe(join(folder, 'second.xlsx'));
  });

  it('names the drill-down export after the profile', async () => {
    const { invoke, dialogs } = setup();
    await invoke('exportView', {
      ...viewInput,
      view: 'profileClicks',
      profileId: 1000123,
      format: 'xlsx',
      csv: undefined,
    });
    expect(dialogs[0]?.defaultPath).toMatch(/Fietsen B\.V\. – Profile 1000123 – 2026-11-28\.xlsx$/);
  });

  it('says the emailing is not cached before it opens a dialog', async () => {
    const { invoke, showSaveDialog } = setup();
    const result = await invoke('exportView', { ...viewInput, emailingKey: 99 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_cached' } });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses a relative path from the dialog', async () => {
    const { invoke, internal } = setup([{ canceled: false, filePath: 'relative.csv' }]);
    expect(await invoke('exportView', viewInput)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(internal).not.toHaveBeenCalled();
  });

  it('reports a failed export with its code and message', async () => {
    const folder = tempFolder();
    const { invoke, settle, sent } = setup([{ canceled: false, filePath: join(folder, 'x.csv') }]);
    const { exportId, path } = await started(await invoke('exportView', viewInput));
    await settle(exportId, fail({ code: 'io_error', message: `Cannot write ${path}: permission denied.` }));
    expect(sent).toEqual([
      {
        exportId,
        phase: 'failed',
        rows: 0,
        total: null,
        path,
        error: { code: 'io_error', message: `Cannot write ${path}: permission denied.` },
      },
    ]);
  });
});

describe('exportReport', () => {
  it('asks for an .xlsx named after the client and the emailing, then builds the report there', async () => {
    const folder = tempFolder();
    const { invoke, internal, dialogs } = setup([{ canceled: false, filePath: join(folder, 'report.xlsx') }]);
    const { exportId, path } = await started(await invoke('exportReport', { emailingKey: 7 }));
    expect(dialogs[0]?.defaultPath).toMatch(
      /Fietsen B\.V\. – Voorjaarsactie.* – Click report – 2026-11-28\.xlsx$/,
    );
    expect(internal).toHaveBeenCalledWith(
      'exportReport',
      {
        exportId,
        request: { emailingKey: 7, out: path },
      },
      expect.any(AbortSignal),
    );
  });
});

describe('exportClientReport', () => {
  it('asks for a .pdf, or the comparison, and hands the scope and style on with the chosen path', async () => {
    const folder = tempFolder();
    const { invoke, internal, dialogs } = setup([
      { canceled: false, filePath: join(folder, 'report') },
      { canceled: false, filePath: join(folder, 'comparison.csv') },
    ]);
    const input = {
      emailingKeys: [7],
      format: 'pdf' as const,
      scope: {
        dateRange: { from: '2025-03-04 09:00:00', to: '2025-03-11 09:00:00' },
        filterModel: {},
        excludeBots: true,
      },
      style: { language: 'nl' as const, numberLocale: 'nl-NL' as const },
    };
    const { exportId, path } = await started(await invoke('exportClientReport', input));
    expect(path).toBe(join(folder, 'report.pdf'));
    expect(dialogs[0]?.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
    expect(dialogs[0]?.defaultPath).toMatch(
      /Fietsen B\.V\. – Voorjaarsactie.* – Click report – 2026-11-28\.pdf$/,
    );
    expect(internal).toHaveBeenCalledWith(
      'exportClientReport',
      { exportId, request: { ...input, out: path } },
      expect.any(AbortSignal),
    );
    const comparison = { ...input, emailingKeys: [7, 8], format: 'csv' as const };
    await started(await invoke('exportClientReport', comparison));
    expect(dialogs[1]?.defaultPath).toMatch(/Fietsen B\.V\. – Comparison – 2026-11-28\.csv$/);
  });
});

describe('an export of an emailing whose last sync did not finish', () => {
  it("carries the backend's warning to the window in its done event", async () => {
    const folder = tempFolder();
    const { invoke, settle, sent } = setup([{ canceled: false, filePath: join(folder, 'report.xlsx') }]);
    const { exportId, path } = await started(await invoke('exportReport', { emailingKey: 7 }));
    const warning =
      'The last sync of emailing 4101 did not finish; this export holds the 1,000 clicks cached so far.';
    await settle(exportId, ok({ rows: 1_200, sheets: 4, out: path, warning }));
    expect(sent).toEqual([
      { exportId, phase: 'done', rows: 1_200, total: 1_200, path, error: null, warning },
    ]);
  });
});

describe('cancelExport and showExportInFolder', () => {
  it('only know the exports of this session', async () => {
    const { invoke, showItemInFolder, internal } = setup();
    for (const name of ['cancelExport', 'showExportInFolder'] as const) {
      expect(await invoke(name, { exportId: 'made-up' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    expect(showItemInFolder).not.toHaveBeenCalled();
    expect(internal).not.toHaveBeenCalled();
  });

  it('cancel stops a running export; there is nothing to show for it', async () => {
    const folder = tempFolder();
    const { invoke, internal, sent, showItemInFolder } = setup([
      { canceled: false, filePath: join(folder, 'x.csv') },
    ]);
    const { exportId, path } = await started(await invoke('exportView', viewInput));
    expect(await invoke('showExportInFolder', { exportId })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await invoke('cancelExport', { exportId })).toEqual({ ok: true, value: null });
    const signal = internal.mock.calls[0]?.[2];
    expect(signal?.aborted).toBe(true);
    await vi.waitFor(() =>
      expect(sent).toEqual([{ exportId, phase: 'cancelled', rows: 0, total: null, path, error: null }]),
    );
    expect(await invoke('showExportInFolder', { exportId })).toMatchObject({ ok: false });
    // A second click after it stopped is harmless and does not reach the worker.
    expect(await invoke('cancelExport', { exportId })).toEqual({ ok: true, value: null });
    expect(internal).toHaveBeenCalledTimes(1);
    expect(showItemInFolder).not.toHaveBeenCalled();
  });

  it('shows a finished export in its folder, and says so when the file is gone', async () => {
    const folder = tempFolder();
    mkdirSync(join(folder, 'sub'));
    const { invoke, settle, showItemInFolder } = setup([
      { canceled: false, filePath: join(folder, 'sub', 'done.csv') },
    ]);
    const { exportId, path } = await started(await invoke('exportView', viewInput));
    await settle(exportId, ok({ rows: 20, sheets: 1, out: path }));
    expect(await invoke('showExportInFolder', { exportId })).toEqual({ ok: true, value: null });
    expect(showItemInFolder).toHaveBeenCalledWith(path);

    rmSync(path);
    expect(await invoke('showExportInFolder', { exportId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(showItemInFolder).toHaveBeenCalledTimes(1);
  });
});

describe('safeFileName', () => {
  it.each([
    ['a/b\\c: d*e?f"g<h>i|j', "a - b - c - def'ghi - j.csv"],
    ['  ..hidden. ', 'hidden.csv'],
    ['line\nbreak\ttab', 'line break tab.csv'],
    ['CON', 'Export CON.csv'],
    ['', 'Export.csv'],
    ['Crème brûlée – 😀', 'Crème brûlée – 😀.csv'],
  ])('%j → %j', (base, expected) => {
    expect(safeFileName(base, 'csv')).toBe(expected);
  });

  it('keeps long names under the file systems’ limit', () => {
    const name = safeFileName('é'.repeat(400), 'xlsx');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(190);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});

describe('openExport', () => {
  it('opens a finished export of this session in its program, and says why when it cannot', async () => {
    const folder = tempFolder();
    const { invoke, settle, openPath } = setup([{ canceled: false, filePath: join(folder, 'done.xlsx') }]);
    expect(await invoke('openExport', { exportId: 'made-up' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const { exportId, path } = await started(await invoke('exportView', { ...viewInput, format: 'xlsx' }));
    // Still writing: nothing to open yet.
    expect(await invoke('openExport', { exportId })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await settle(exportId, ok({ rows: 20, sheets: 1, out: path }));
    expect(await invoke('openExport', { exportId })).toEqual({ ok: true, value: null });
    expect(openPath).toHaveBeenCalledWith(path);

    openAnswer.next = 'No application is registered for .xlsx files.';
    try {
      const refused = await invoke('openExport', { exportId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'io_error' } });
      expect(JSON.stringify(refused)).toContain('No application is registered');
    } finally {
      openAnswer.next = null;
    }
    expect(openPath).toHaveBeenCalledTimes(2);
  });
});

describe('suggestedFileName', () => {
  const day = '2026-12-02';
  const subject = `Nieuwsbrief ${'met een heel lang onderwerp '.repeat(8)}`.trim();

  it('shortens the subject, never the view or the date', () => {
    const clicks = suggestedFileName(['Fietsenwinkel B.V.', subject, 'Clicks'], 1, day, 'csv');
    const profiles = suggestedFileName(['Fietsenwinkel B.V.', subject, 'Profiles'], 1, day, 'csv');
    expect(subject.length).toBeGreaterThan(200);
    expect(clicks).toMatch(/^Fietsenwinkel B\.V\. – Nieuwsbrief met een .*… – Clicks – 2026-12-02\.csv$/);
    expect(profiles).toMatch(/… – Profiles – 2026-12-02\.csv$/);
    expect(clicks).not.toBe(profiles);
    for (const name of [clicks, profiles]) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(190);
  });

  it('leaves a name that fits as it is', () => {
    expect(suggestedFileName(['Fietsen B.V.', 'Voorjaarsactie', 'Links'], 1, day, 'xlsx')).toBe(
      'Fietsen B.V. – Voorjaarsactie – Links – 2026-12-02.xlsx',
    );
  });
});
