/**
 * Entry of the backend worker thread. SQLite is synchronous and a sync or an export can run for
 * minutes; here they block only this thread, never the thread that hosts the window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, toErrorShape } from '../shared/errors';
import { methods, type BackendMethodName } from '../shared/contract';
import { describeIssues } from '../main/describeIssues';
import {
  HostToWorkerSchema,
  internalInputs,
  type InternalMethodName,
  type WorkerConfig,
  type WorkerToHost,
} from './protocol';
import { diskFullError } from './db/diskErrors';
import { createBackendService, type BackendService } from './service';

const port = parentPort;
if (!port) throw new Error('src/backend/worker.ts must run as a worker thread.');

const post = (message: WorkerToHost): void => port.postMessage(message);
const config = workerData as WorkerConfig;

/** What went wrong unexpectedly goes to the host's log (main.log in the app), stack and all. */
function logError(message: string, error: unknown): void {
  const details = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  post({ kind: 'log', level: 'error', message, details });
}

let service: BackendService;
try {
  service = createBackendService({
    ...config,
    emit: (name, payload) => post({ kind: 'event', name, payload }),
    logError,
  });
  post({ kind: 'ready' });
} catch (error) {
  // The code lets the host tell a damaged cache (which the user can move aside) from the rest.
  post({
    kind: 'fatal',
    message: messageOf(error),
    ...(error instanceof AppError ? { code: error.code } : {}),
  });
  process.exit(1);
}

const running = new Map<number, AbortController>();

port.on('message', (raw: unknown) => {
  const parsed = HostToWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    // Not something a host of ours sends: answered when it names a request, logged either way.
    const issues = describeIssues(parsed.error.issues);
    logError(`The backend worker refused a message from its host: ${issues}`, undefined);
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'number')
      post({ kind: 'result', id, result: { ok: false, error: { code: 'invalid_input', message: issues } } });
    return;
  }
  const message = parsed.data;
  switch (message.kind) {
    case 'call':
      void answer(message.id, () => callMethod(message.method, message.input));
      break;
    case 'sync':
      void answer(message.id, (signal) => service.runSync(message.request, signal));
      break;
    case 'internal':
      void answer(message.id, (signal) => callInternal(message.method, message.input, signal));
      break;
    case 'cancel':
      running.get(message.id)?.abort(new AppError('cancelled', 'The request was cancelled.'));
      break;
    case 'close':
      for (const controller of running.values()) controller.abort();
      void service.close().finally(() => port.close());
      break;
  }
});

function callMethod(method: string, input: unknown): unknown {
  const handler = service.handlers[method as BackendMethodName] as ((input: unknown) => unknown) | undefined;
  if (
    !handler ||
    !Object.hasOwn(methods, method) ||
    methods[method as BackendMethodName].owner !== 'backend'
  ) {
    throw new AppError('invalid_input', `The backend has no method "${method}".`);
  }
  // The host validated already; validating again keeps the worker safe from any other host.
  const parsed = methods[method as BackendMethodName].input.safeParse(input);
  if (!parsed.success)
    throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'Invalid input.');
  return handler(parsed.data);
}

function callInternal(method: string, input: unknown, signal: AbortSignal): unknown {
  if (!Object.hasOwn(internalInputs, method))
    throw new AppError('invalid_input', `The backend has no internal method "${method}".`);
  const name = method as InternalMethodName;
  const parsed = internalInputs[name].safeParse(input);
  if (!parsed.success) throw new AppError('invalid_input', `${name}: ${describeIssues(parsed.error.issues)}`);
  return (service.internal[name] as (input: unknown, signal: AbortSignal) => unknown)(parsed.data, signal);
}

/** Runs one request with an AbortSignal that a `cancel` naming its id aborts. */
async function answer(id: number, work: (signal: AbortSignal) => unknown): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    post({ kind: 'result', id, result: { ok: true, value: await work(controller.signal) } });
  } catch (error) {
    if (!(error instanceof AppError)) logError('A backend request failed unexpectedly', error);
    // A full disk can surface from any write, not only a sync's: say so rather than "unexpected".
    post({ kind: 'result', id, result: { ok: false, error: toErrorShape(diskFullError(error) ?? error) } });
  } finally {
    running.delete(id);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
