// Runs the TypeScript worker through tsx, for tests, the harness and the benchmark. The app runs
// the built out/main/backendWorker.js instead. (In Node 20 a worker does not inherit the
// parent's loader hooks, so `--import tsx` on the Worker is not enough; tsImport scopes them here.)
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
