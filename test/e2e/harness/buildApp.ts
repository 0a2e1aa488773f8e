/**
 * Playwright's global setup: build the app once, so that every end-to-end test runs on what
 * ships (`out/renderer` for the browser harness, `out/main` and `out/preload` for Electron),
 * never on stale output or a dev server.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildApp(): void {
  execFileSync('npx', ['electron-vite', 'build'], {
    cwd: fileURLToPath(new URL('../../../', import.meta.url)),
    stdio: 'inherit',
  });
}
