import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The backend worker as the app runs it: built by electron-vite (npm run bench builds first), so
 * the figures are not those of TypeScript compiled on the fly by tsx in the worker.
 */
export function builtWorkerPath(): string {
  const path = join(process.cwd(), 'out', 'main', 'backendWorker.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build (npm run bench does).`);
  return path;
}
