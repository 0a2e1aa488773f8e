import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  eventChannel,
  eventNames,
  methodChannel,
  methodNames,
  subscribeName,
} from '../../src/shared/contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: null })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

vi.mock('electron', () => electron);

let api: Record<string, unknown>;

beforeAll(async () => {
  await import('../../src/preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
    string,
    Record<string, unknown>,
  ];
  expect(key).toBe('api');
  api = value;
});

function method(name: string): (input: unknown) => Promise<unknown> {
  return api[name] as (input: unknown) => Promise<unknown>;
}

function subscribe(name: string): (listener: (...args: unknown[]) => void) => () => void {
  return api[name] as (listener: (...args: unknown[]) => void) => () => void;
}

describe('the preload bridge', () => {
  it('exposes exactly one function per method and one on… per event, and nothing else', () => {
    const expected = [...methodNames, ...eventNames.map(subscribeName)].sort();
    expect(Object.getOwnPropertyNames(api).sort()).toEqual(expected);
    expect(Object.getOwnPropertySymbols(api)).toEqual([]);
    for (const name of expected) expect(typeof api[name]).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it.each(methodNames)('%s invokes its own channel with the input unchanged', async (name) => {
    const input = { probe: name };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 'answer' });
    await expect(method(name)(input)).resolves.toEqual({ ok: true, value: 'answer' });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(methodChannel(name), input);
  });

  it('answers with an internal envelope when main has no handler, instead of rejecting', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("No handler registered for 'api:getAppInfo'"),
    );
    const result = (await method('getAppInfo')({})) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('internal');
    expect(result.error.message).not.toContain('handler');
  });

  it.each(eventNames)('%s: the listener gets the payload only, never the IpcRendererEvent', (name) => {
    const listener = vi.fn();
    const unsubscribe = subscribe(subscribeName(name))(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.lastCall as [
      string,
      (...args: unknown[]) => void,
    ];
    expect(channel).toBe(eventChannel(name));

    const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
    forward(ipcEvent, { at: '2025-01-01T00:00:00Z' });
    expect(listener).toHaveBeenCalledWith({ at: '2025-01-01T00:00:00Z' });
    expect(listener.mock.lastCall).toHaveLength(1);

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenLastCalledWith(eventChannel(name), forward);
  });

  it('refuses a subscription without a listener function', () => {
    expect(() => subscribe(subscribeName(eventNames[0]!))('not a function' as never)).toThrow(TypeError);
  });
});
