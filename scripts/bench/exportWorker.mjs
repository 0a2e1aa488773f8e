// The export benchmark's worker thread: runs exportWorker.ts through tsx (in Node 20 a worker
// does not inherit the parent's loader hooks; tsImport scopes them here, as worker.dev.mjs does).
import { tsImport } from 'tsx/esm/api';

await tsImport('./exportWorker.ts', import.meta.url);
