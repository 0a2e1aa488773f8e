/**
 * Runs in the page, before the app's own script: installs `window.api` exactly as the preload
 * does, from the same `createBridge`, over HTTP instead of IPC. Bundled by bundleBridge.ts.
 *
 * This file is typechecked with the Node tests, which have no DOM library: the few browser
 * globals it needs are declared here.
 */
import { createBridge } from '../../../src/shared/bridge';
import type { Result } from '../../../src/shared/result';

declare const EventSource: new (url: string) => { onmessage: ((event: { data: string }) => void) | null };

const listeners = new Map<string, Set<(payload: unknown) => void>>();

// One stream for the page's lifetime, opened at once, as IPC events flow from the first moment.
new EventSource('/__harness/events').onmessage = (event) => {
  const { channel, payload } = JSON.parse(event.data) as { channel: string; payload: unknown };
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

const api = createBridge({
  async invoke(channel, input) {
    const response = await fetch(`/__harness/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // ipcRenderer.invoke passes `undefined` through; an empty body is how HTTP says the same.
      ...(input === undefined ? {} : { body: JSON.stringify(input) }),
    });
    // A rejected promise is what the renderer gets from ipcRenderer.invoke when main throws.
    if (!response.ok) throw new Error(`The harness answered ${channel} with HTTP ${response.status}.`);
    return (await response.json()) as Result<unknown>;
  },
  subscribe(channel, listener) {
    let channelListeners = listeners.get(channel);
    if (!channelListeners) listeners.set(channel, (channelListeners = new Set()));
    channelListeners.add(listener);
    return () => {
      channelListeners.delete(listener);
    };
  },
});

// contextBridge.exposeInMainWorld defines a property the page can neither replace nor delete.
Object.defineProperty(globalThis, 'api', { value: api, enumerable: true });
