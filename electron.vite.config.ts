import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * index.html's CSP meta tag forbids inline scripts, which the dev server needs for the React
 * Refresh preamble. Under `electron-vite dev` the tag is dropped and main sends a development CSP
 * header instead (src/main/csp.ts); the built renderer keeps the tag.
 */
const devServerCspFromMain: Plugin = {
  name: 'copernica-clicks:dev-server-csp-from-main',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
};

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Dependencies (better-sqlite3 with its .node file, zod) load from node_modules at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // The worker is its own entry: BackendHost starts it as out/main/backendWorker.js.
          backendWorker: resolve(root, 'src/backend/worker.ts'),
          // Started by the worker (src/backend/db/checkpointer.ts) as out/main/checkpointWorker.js.
          checkpointWorker: resolve(root, 'src/backend/checkpointWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload is a classic script that may require only 'electron': it must be one
      // CommonJS file with src/shared and zod bundled in, whatever package.json's "type" says.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), devServerCspFromMain],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
