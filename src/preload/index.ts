/**
 * The sandboxed preload: exposes `window.api`, one function per contract method and one
 * `on…` subscription per contract event, built by createBridge from the contract. The page gets
 * neither ipcRenderer nor the IpcRendererEvent (whose `sender` is ipcRenderer itself), so it
 * can reach no channel the contract does not name.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type BridgeTransport, createBridge } from '../shared/bridge';
import { toErrorShape } from '../shared/errors';
import { fail, type Result } from '../shared/result';

const transport: BridgeTransport = {
  // invoke rejects only when main has no handler (it failed to start): keep the envelope promise.
  invoke: (channel, input) =>
    (ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>).catch(() =>
      fail(toErrorShape(undefined)),
    ),
  subscribe(channel, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', createBridge(transport));
