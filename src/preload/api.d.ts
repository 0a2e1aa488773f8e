/**
 * `window.api` as the preload (and the end-to-end harness) installs it; tsconfig.web.json
 * includes this file so renderer code is typed against the contract.
 */
import type { BridgeApi } from '../shared/contract';

declare global {
  interface Window {
    readonly api: BridgeApi;
  }
}

export {};
