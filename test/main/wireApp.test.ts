/**
 * Main's wiring (src/main/wireApp.ts) over a fake backend host: the handlers it registers, the
 * events it passes on, the start of the accounts, and a backend that never starts.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type EventName, eventChannel, methodChannel, methodNames } from '../../src/shared/contract';
import { fail, ok, type Result } from '../../src/shared/result';
import type { InvokeEvent } from '../../src/main/ipc';
import { createTokenStore } from '../../src/main/secrets';
import { createSettingsStore, memoryStore } from '../../src/main/settings';
import { type WiredBackend, wireApp } from '../../src/main/wireApp';
import { createFakeSafeStorage } from '../e2e/harness/fakeSafeStorage';
import { useTempDir } from '../helpers/tempDir';
import { accountSummary } from '../helpers/accountSummary';

type Handler = (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>;

const account = accountSummary;

/** A backend host that starts when the test says so, records its calls and emits on demand. */
function fakeHost() {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const unsubscribe = vi.fn();
  const calls: string[] = [];
  const host: WiredBackend = {
    call: async (method) => {
      calls.push(method);
      return (method === 'listAccounts' ? ok([account]) : fail({ code: 'internal', message: 'x' })) as never;
    },
    internal: async (method, input) => {
      calls.push(`${method} ${JSON.stringify(input)}`);
      return ok(null) as never;
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        unsubscribe();
      };
    },
  };
  return {
    host,
    calls,
    unsubscribe,
    emit: (name: string, payload: unknown) => {
      for (const listener of listeners) listener(name as EventName, payload);
    },
  };
}

function setup(folder: string, backend: Promise<WiredBackend>) {
  const handlers = new Map<string, Handler>();
  const log = { warn: vi.fn(), error: vi.fn() };
  const tokens = createTokenStore({
    file: join(folder, 'tokens.json'),
    safeStorage: createFakeSafeStorage('gnome_libsecret'),
    platform: 'linux',
    log,
  });
  const settings = createSettingsStore(memoryStore({ settings: { refreshAfterMinutes: 5 } }), log);
  const sent: { channel: string; payload: unknown }[] = [];
  const wiring = wireApp({
    backend,
    ipcMain: { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
    isRendererUrl: (url) => url === 'app://renderer/',
    tokens,
    settings,
    openInShell: async () => undefined,
    showSaveDialog: async () => ({ canceled: true }),
    showItemInFolder: () => undefined,
    openPath: async () => '',
    defaultFolder: () => folder,
    sendToWindow: (channel, payload) => void sent.push({ channel, payload }),
    validateOutput: true,
    log,
  });
  const invoke = (channel: string, input: unknown, url = 'app://renderer/') =>
    (handlers.get(channel) as Handler)({ senderFrame: { url, parent: null } }, input);
  return { handlers, log, tokens, sent, wiring, invoke };
}

describe('wiring main to the backend', () => {
  const tempDir = useTempDir();

  it('registers one handler per contract method, and only the renderer may call them', async () => {
    const { host } = fakeHost();
    const { handlers, invoke } = setup(tempDir(), Promise.resolve(host));
    expect([...handlers.keys()].sort()).toEqual(methodNames.map(methodChannel).sort());
    expect(await invoke(methodChannel('listAccounts'), {})).toEqual({ ok: true, value: [account] });
    expect(await invoke(methodChannel('listAccounts'), {}, 'https://elsewhere.example/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('lets early calls wait for the backend, then hands it the saved tokens and starts the refresh', async () => {
    const folder = tempDir();
    const { host, calls } = fakeHost();
    let start: (host: WiredBackend) => void = () => undefined;
    const backend = new Promise<WiredBackend>((resolve) => (start = resolve));
    const { invoke, wiring, tokens } = setup(folder, backend);
    await tokens.save(1, 'a-saved-token');
    const early = invoke(methodChannel('listAccounts'), {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([]);
    start(host);
    expect(await early).toEqual({ ok: true, value: [account] });
    await wiring.accountsStarted;
    expect(calls).toEqual([
      'listAccounts',
      'setCredentials [{"accountId":1,"token":"a-saved-token"}]',
      'startAutoRefresh {"refreshAfterMinutes":5}',
    ]);
  });

  it('hands a restarted worker the saved tokens again and restarts the refresh', async () => {
    const folder = tempDir();
    const { host, calls, emit } = fakeHost();
    const { wiring, tokens } = setup(folder, Promise.resolve(host));
    await tokens.save(1, 'a-saved-token');
    await wiring.accountsStarted;
    calls.length = 0;
    emit('backendRestarted', {});
    await vi.waitFor(() =>
      expect(calls.filter((call) => call !== 'listAccounts')).toEqual([
        'setCredentials [{"accountId":1,"token":"a-saved-token"}]',
        'startAutoRefresh {"refreshAfterMinutes":5}',
      ]),
    );
  });

  it("passes the backend's events to the window until it is stopped, and removes its handlers", async () => {
    const { host, emit, unsubscribe } = fakeHost();
    const { sent, wiring, handlers, log } = setup(tempDir(), Promise.resolve(host));
    await wiring.accountsStarted;
    emit('cacheChanged', { at: '2025-03-01T10:00:00Z' });
    emit('cacheChanged', { at: 42 });
    expect(sent).toEqual([
      { channel: eventChannel('cacheChanged'), payload: { at: '2025-03-01T10:00:00Z' } },
    ]);
    expect(log.error).toHaveBeenCalledTimes(1);
    wiring.stop();
    expect(unsubscribe).toHaveBeenCalled();
    expect(handlers.size).toBe(0);
  });

  it('answers every call with an error when the backend never started, and starts no accounts', async () => {
    const { invoke, wiring, log } = setup(tempDir(), Promise.reject(new Error('no database')));
    await expect(wiring.accountsStarted).resolves.toBeUndefined();
    expect(await invoke(methodChannel('listAccounts'), {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(await invoke(methodChannel('removeAccount'), { id: 1 })).toMatchObject({ ok: false });
    expect(log.error).not.toHaveBeenCalledWith(
      'Could not start the background refresh of the accounts',
      expect.anything(),
    );
  });
});
