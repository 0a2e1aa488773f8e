/**
 * Builds the renderer-facing API (`window.api`) from the contract over any transport: the
 * preload passes one over ipcRenderer, the end-to-end harness one over HTTP. Because the
 * functions are generated from `methods` and `events`, the bridge cannot expose a channel the
 * contract does not name, and the renderer cannot call a method that does not exist.
 */
import {
  type BridgeApi,
  eventChannel,
  eventNames,
  methodChannel,
  methodNames,
  subscribeName,
} from './contract';
import type { Result } from './result';

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Returns a function that removes the listener. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createBridge(transport: BridgeTransport): BridgeApi {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    const channel = methodChannel(name);
    api[name] = (input: unknown) => transport.invoke(channel, input);
  }
  for (const name of eventNames) {
    const channel = eventChannel(name);
    api[subscribeName(name)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
      return transport.subscribe(channel, listener);
    };
  }
  return Object.freeze(api) as BridgeApi;
}
