/**
 * `window.api` as the preload exposes it. Include this file in tsconfig.web.json so renderer
 * code is typed against the contract.
 */
import type { BridgeApi } from '../shared/contract';

declare global {
  interface Window {
    readonly api: BridgeApi;
  }
}

export {};
