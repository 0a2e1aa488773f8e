import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type BackendMethodName,
  type MainMethodName,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  methodChannel,
  methodNames,
  methods,
} from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';
import { defaultBotRules } from '../../src/shared/schemas/bots';
import { fail, ok, type Result } from '../../src/shared/result';
import {
  type BackendCaller,
  type ContractHandlerDeps,
  createSenderCheck,
  type InvokeEvent,
  type IpcMainLike,
  type MainHandlers,
  registerContractHandlers,
  type SenderFrame,
} from '../../src/main/ipc';
import { createMainHandlers } from '../../src/main/mainHandlers';
import { createRendererOrigin } from '../../src/main/rendererOrigin';
import { accountSummary } from '../helpers/accountSummary';

/** One valid input per method: a method added to the contract fails to typecheck here until it has one. */
const block = { emailingKey: 1, startRow: 0, endRow: 100, sortModel: [], filterModel: {} };
const validInputs: { [M in MethodName]: MethodInput<M> } = {
  getAppInfo: {},
  listCachedEmailings: {},
  openExternal: { url: 'https://www.copernica.com/en/support' },
  listAccounts: {},
  addAccount: {
    label: 'Client',
    token: 'a-long-enough-token',
    apiVersion: 'v2',
    timeZone: 'Europe/Amsterdam',
  },
  updateAccount: { id: 1, label: 'Renamed' },
  removeAccount: { id: 1 },
  getTokenStorage: {},
  createDemoAccount: {},
  refreshEmailingList: { accountId: 1 },
  listEmailings: { accountId: 1, search: 'spring' },
  setTracked: { emailingKey: 1, tracked: true },
  syncEmailings: { emailingKeys: [1] },
  cancelSync: { emailingKey: 1 },
  removeCachedClicks: { emailingKey: 1 },
  getStatus: {},
  getSettings: {},
  updateSettings: { refreshAfterMinutes: 60 },
  getClicksBlock: block,
  getLinks: { emailingKey: 1, sortModel: [], filterModel: {} },
  getProfilesBlock: block,
  getTimeline: { emailingKey: 1, bucket: 'day', sortModel: [], filterModel: {} },
  getKeyFigures: { emailingKey: 1, dateRange: { from: '2025-03-01 00:00:00', to: null } },
  getBotRules: {},
  updateBotRules: defaultBotRules,
  getDevices: { emailingKey: 1, excludeBots: true },
  getProfileDetails: { accountId: 1, profileId: 5 },
  getProfileColumns: { accountId: 1 },
  updateProfileSettings: { accountId: 1, settings: { chosenFields: ['email'] } },
  getGridState: { gridId: 'clicks' },
  saveGridState: { gridId: 'clicks', state: { columns: [{ colId: 'ip', width: 120, hide: true }] } },
  exportView: {
    view: 'clicks',
    emailingKey: 1,
    sortModel: [{ colId: 'timestamp', sort: 'desc' }],
    filterModel: { linkTitle: { filterType: 'text', type: 'contains', filter: 'fiets' } },
    dateRange: { from: '2025-03-04 09:00:00', to: null },
    columns: [{ colId: 'timestamp', header: 'Clicked at' }],
    format: 'csv',
    csv: { delimiter: ';', bom: true, guardFormulas: true },
  },
  exportReport: { emailingKey: 1 },
  exportClientReport: {
    emailingKeys: [1],
    format: 'pdf',
    scope: {
      dateRange: { from: '2025-03-04 09:00:00', to: '2025-03-11 09:00:00' },
      filterModel: {},
      excludeBots: true,
    },
    style: { language: 'nl', numberLocale: 'en-US' },
  },
  previewClientReport: {
    emailingKeys: [1, 2],
    format: 'xlsx',
    scope: {
      filterModel: { link: { filterType: 'text', type: 'contains', filter: 'shop' } },
      excludeBots: false,
    },
    style: { language: 'en', numberLocale: 'nl-NL' },
  },
  compareEmailings: { emailingKeys: [1, 2], scope: { filterModel: {}, excludeBots: false } },
  cancelExport: { exportId: 'a1b2c3' },
  showExportInFolder: { exportId: 'a1b2c3' },
  openExport: { exportId: 'a1b2c3' },
  getSyncCompleteness: { emailingKey: 1 },
};

const account = accountSummary;
const validOutputs: { [M in BackendMethodName]: MethodOutput<M> } = {
  getAppInfo: { version: '1.0.0', databasePath: '/tmp/copernica-clicks.db', schemaVersion: 1 },
  listCachedEmailings: [],
  listAccounts: [account],
  createDemoAccount: { ...account, isDemo: true },
  refreshEmailingList: null,
  listEmailings: [],
  setTracked: null,
  syncEmailings: null,
  cancelSync: null,
  removeCachedClicks: null,
  getStatus: { online: true, syncing: [], lastCheckedAt: null },
  getClicksBlock: { rows: [], rowCount: 0 },
  getLinks: { rows: [], totalClicks: 0 },
  getProfilesBlock: { rows: [], rowCount: 0 },
  getTimeline: { bucket: 'day', points: [] },
  getKeyFigures: {
    figures: {
      emailing: 1,
      copernica: null,
      cache: {
        clicks: 0,
        uniqueClickers: 0,
        uniqueLinkClicks: 0,
        botClicks: 0,
        humanClicks: 0,
        humanUniqueClickers: 0,
        botClicksByReason: { burst: 0, everyLink: 0, knownAgent: 0, scannerNetwork: 0, sticky: 0 },
      },
      rates: {
        openRate: null,
        clickRate: null,
        clickToOpenRate: null,
        copernicaCtr: null,
        humanClickRate: null,
      },
      reconciliation: null,
    },
    reconciliation: null,
    dominant: null,
    snapshotFirstFetchedAt: null,
    previousSnapshotFetchedAt: null,
    period: false,
  },
  getProfileDetails: {
    accountId: 1,
    profileId: 5,
    profile: null,
    subprofile: null,
    fetchProblem: null,
    clicks: [],
  },
  getProfileColumns: {
    accountId: 1,
    settings: {
      fetchProfiles: true,
      chosenFields: [],
      nameFields: [],
      leaveOutPersonalData: false,
      retentionDays: null,
    },
    availableFields: [],
  },
  updateProfileSettings: {
    accountId: 1,
    settings: {
      fetchProfiles: true,
      chosenFields: ['email'],
      nameFields: [],
      leaveOutPersonalData: false,
      retentionDays: null,
    },
    availableFields: ['email'],
  },
  getSyncCompleteness: { complete: true, cachedClicks: 0, reportedClicks: null, warning: null },
  previewClientReport: {
    title: 'Click report',
    facts: [['Account', 'Client']],
    lines: [],
    tables: [],
    notes: [],
  },
  compareEmailings: { emailings: [], links: [], moreLinks: 0 },
  getBotRules: defaultBotRules,
  updateBotRules: defaultBotRules,
  getDevices: { rows: [], excludeBots: true, botClicksLeftOut: 0 },
};

/** main's own account and settings logic is tested in mainHandlers.test.ts; here they are stand-ins. */
const mainOutputs: { [M in Exclude<MainMethodName, 'openExternal'>]: MethodOutput<M> } = {
  addAccount: account,
  updateAccount: account,
  removeAccount: null,
  getTokenStorage: { backend: 'gnome_libsecret', secure: true, warning: null },
  getSettings: { refreshAfterMinutes: 60 },
  updateSettings: { refreshAfterMinutes: 60 },
  getGridState: null,
  saveGridState: null,
  exportView: { status: 'started', exportId: 'a1b2c3', path: '/home/me/Documents/Client – Clicks.csv' },
  exportReport: { status: 'cancelled' },
  exportClientReport: { status: 'cancelled' },
  cancelExport: null,
  showExportInFolder: null,
  openExport: null,
};

const rendererFrame: SenderFrame = { url: 'app://renderer/index.html', parent: null };

type Listener = (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>;

function setup(options: { devServerUrl?: string; validateOutput?: boolean } = {}) {
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: vi.fn((channel: string, listener: Listener) => {
      if (listeners.has(channel)) throw new Error(`Second handler for ${channel}`);
      listeners.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => listeners.delete(channel)),
  };
  const backendCall = vi.fn(async (method: BackendMethodName, _input: unknown): Promise<Result<unknown>> =>
    ok(validOutputs[method]),
  );
  const backend = { call: backendCall } as unknown as BackendCaller;
  const openInShell = vi.fn(async (_url: string) => undefined);
  const standIns = Object.fromEntries(
    Object.entries(mainOutputs).map(([name, output]) => [name, vi.fn(async () => output)]),
  );
  const mainHandlers = { ...createMainHandlers({ openInShell }), ...standIns } as MainHandlers;
  const log = { warn: vi.fn(), error: vi.fn() };
  const deps: ContractHandlerDeps = {
    ipcMain,
    isTrustedSender: createSenderCheck(createRendererOrigin(options.devServerUrl ?? null).isRendererUrl),
    backend,
    mainHandlers,
    validateOutput: options.validateOutput ?? true,
    log,
  };
  const unregister = registerContractHandlers(deps);
  const invoke = (name: MethodName, input: unknown, frame: SenderFrame | null = rendererFrame) => {
    const listener = listeners.get(methodChannel(name));
    if (!listener) throw new Error(`No handler for ${name}`);
    return listener({ senderFrame: frame }, input);
  };
  return { listeners, ipcMain, backendCall, openInShell, standIns, log, invoke, unregister };
}

function expectError(result: Result<unknown>, code: string): { code: string; message: string } {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  // Only the two user-facing fields cross the bridge: no stack, no cause.
  expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
  return result.error;
}

/** A value of another JSON type than `value`. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not a number';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  if (value === null) return { unexpected: true };
  return 'not an object';
}

describe('registerContractHandlers', () => {
  it('registers exactly one handler per contract method, and removes them all', () => {
    const { listeners, unregister } = setup();
    expect([...listeners.keys()].sort()).toEqual(methodNames.map(methodChannel).sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it.each(methodNames)('%s: a valid call reaches its owner and answers ok', async (name) => {
    const { invoke, backendCall, openInShell, standIns } = setup();
    const result = await invoke(name, validInputs[name]);
    expect(result.ok).toBe(true);
    if (methods[name].owner === 'backend') {
      expect(backendCall).toHaveBeenCalledWith(name, validInputs[name]);
      expect(openInShell).not.toHaveBeenCalled();
    } else {
      expect(backendCall).not.toHaveBeenCalled();
      if (name !== 'openExternal') expect(standIns[name]).toHaveBeenCalledTimes(1);
    }
  });
});

describe.each(methodNames)('%s rejects bad input with invalid_input', (name) => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    ctx = setup();
  });

  it.each([undefined, null, 42, 'text', true, [], [validInputs[name]]])('input %j', async (input) => {
    const error = expectError(await ctx.invoke(name, input), 'invalid_input');
    expect(error.message).toMatch(/^This request was not accepted: /);
    // The method's name is for the log, not for a window that may show the message.
    expect(error.message).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect(ctx.backendCall).not.toHaveBeenCalled();
    expect(ctx.openInShell).not.toHaveBeenCalled();
  });

  it('an extra key, named in the message', async () => {
    const error = expectError(
      await ctx.invoke(name, { ...validInputs[name], sneakyExtraKey: 1 }),
      'invalid_input',
    );
    expect(error.message).toContain('sneakyExtraKey');
    expect(ctx.backendCall).not.toHaveBeenCalled();
  });

  it('each field with a wrong type, naming the field', async () => {
    for (const [field, value] of Object.entries(validInputs[name])) {
      const error = expectError(
        await ctx.invoke(name, { ...validInputs[name], [field]: wrongTypeFor(value) }),
        'invalid_input',
      );
      expect(error.message).toContain(`${field}: `);
    }
    expect(ctx.backendCall).not.toHaveBeenCalled();
    expect(ctx.openInShell).not.toHaveBeenCalled();
  });
});

describe('the sender check', () => {
  const untrusted: [string, SenderFrame | null][] = [
    ['another web origin', { url: 'https://evil.example/index.html', parent: null }],
    ['a local file', { url: 'file:///home/user/index.html', parent: null }],
    ['another app:// host', { url: 'app://other/index.html', parent: null }],
    ['the dev server when not in development', { url: 'http://localhost:5173/', parent: null }],
    ['an iframe inside our page', { url: 'app://renderer/index.html', parent: {} }],
    ['credentials in the URL', { url: 'app://user:pw@renderer/index.html', parent: null }],
    ['a frame that is gone', null],
  ];

  it.each(untrusted)('refuses %s with forbidden_sender without calling anyone', async (_label, frame) => {
    const { invoke, backendCall, openInShell } = setup();
    for (const name of methodNames) {
      expectError(await invoke(name, validInputs[name], frame), 'forbidden_sender');
    }
    expect(backendCall).not.toHaveBeenCalled();
    expect(openInShell).not.toHaveBeenCalled();
  });

  it('checks the sender before the input, so strangers learn nothing about the schema', async () => {
    const { invoke } = setup();
    const error = expectError(
      await invoke('openExternal', { bogus: 1 }, { url: 'https://evil.example/', parent: null }),
      'forbidden_sender',
    );
    expect(error.message).not.toContain('bogus');
  });

  it('in development trusts the dev server origin only', async () => {
    const { invoke } = setup({ devServerUrl: 'http://localhost:5173/' });
    expect(
      (await invoke('getAppInfo', {}, { url: 'http://localhost:5173/index.html', parent: null })).ok,
    ).toBe(true);
    expectError(
      await invoke('getAppInfo', {}, { url: 'http://localhost:5174/', parent: null }),
      'forbidden_sender',
    );
    expectError(await invoke('getAppInfo', {}, rendererFrame), 'forbidden_sender');
  });
});

describe('errors become envelopes', () => {
  it('a backend throw is a generic internal error without its message or stack', async () => {
    const { invoke, backendCall, log } = setup();
    const thrown = new Error('SQLITE_CORRUPT at /home/someone/secret/path');
    backendCall.mockRejectedValueOnce(thrown);
    const error = expectError(await invoke('getAppInfo', {}), 'internal');
    expect(error.message).not.toContain('SQLITE');
    expect(JSON.stringify(error)).not.toContain('secret');
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('getAppInfo'), thrown);
  });

  it('a thrown non-Error is a generic internal error too', async () => {
    const { invoke, backendCall } = setup();
    backendCall.mockRejectedValueOnce('a string, not an Error');
    expectError(await invoke('listCachedEmailings', {}), 'internal');
  });

  it("passes the backend's own error envelope through, reduced to code and message", async () => {
    const { invoke, backendCall } = setup();
    backendCall.mockResolvedValueOnce({
      ok: false,
      error: { code: 'not_found', message: 'No such emailing.', stack: 'at secret.ts:1' },
    } as unknown as Result<unknown>);
    const error = expectError(await invoke('getAppInfo', {}), 'not_found');
    expect(error.message).toBe('No such emailing.');
  });

  it('turns a backend error with an unknown code into internal', async () => {
    const { invoke, backendCall, log } = setup();
    backendCall.mockResolvedValueOnce(fail({ code: 'made_up' as 'internal', message: 'x' }));
    expectError(await invoke('getAppInfo', {}), 'internal');
    expect(log.error).toHaveBeenCalled();
  });

  it('refuses an answer that does not match the output schema', async () => {
    const { invoke, backendCall, log } = setup();
    backendCall.mockResolvedValueOnce(ok({ version: 1 }));
    expectError(await invoke('getAppInfo', {}), 'internal');
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('does not match the contract'));
  });

  it('passes answers through unchecked when output validation is off', async () => {
    const { invoke, backendCall } = setup({ validateOutput: false });
    backendCall.mockResolvedValueOnce(ok({ version: 1 }));
    expect(await invoke('getAppInfo', {})).toEqual({ ok: true, value: { version: 1 } });
  });

  it("a main handler's AppError reaches the user; anything else is internal", async () => {
    const { invoke, openInShell } = setup();
    openInShell.mockRejectedValueOnce(new AppError('io_error', 'No browser is configured.'));
    expect(expectError(await invoke('openExternal', validInputs.openExternal), 'io_error').message).toBe(
      'No browser is configured.',
    );
    openInShell.mockRejectedValueOnce(new TypeError('xdg-open: not found'));
    expect(
      expectError(await invoke('openExternal', validInputs.openExternal), 'internal').message,
    ).not.toContain('xdg-open');
  });
});

describe('openExternal through IPC', () => {
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.com/file',
    'smb://server/share',
    'not a url',
  ])('refuses %s', async (url) => {
    const { invoke, openInShell } = setup();
    const error = expectError(await invoke('openExternal', { url }), 'invalid_input');
    expect(error.message).toContain('url: ');
    expect(openInShell).not.toHaveBeenCalled();
  });

  it('opens an https link in the browser', async () => {
    const { invoke, openInShell } = setup();
    expect(await invoke('openExternal', { url: 'https://www.copernica.com/en' })).toEqual({
      ok: true,
      value: null,
    });
    expect(openInShell).toHaveBeenCalledWith('https://www.copernica.com/en');
  });
});
