// Runs the TypeScript checkpoint thread through tsx, for tests, the harness and the CLI from
// source (see worker.dev.mjs); the app runs the built out/main/checkpointWorker.js.
import { tsImport } from 'tsx/esm/api';

await tsImport('./checkpointWorker.ts', import.meta.url);
