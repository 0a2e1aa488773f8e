/**
 * Entry of the backend worker thread. SQLite is synchronous and a sync or an export can run for
 * minutes; here they block only this thread, never the thread that hosts the window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, toErrorShape } from '../shared/errors';
import { methods, type BackendMethodName } from '../shared/contract';
import type { HostToWorker, WorkerConfig, WorkerToHost } from './protocol';
import { diskFullError } from './db/diskErrors';
import { createBackendService, type BackendService } from './service';

const port = parentPort;
if (!port) throw new Error('src/backend/worker.ts must run as a worker thread.');

const post = (message: WorkerToHost): void => port.postMessage(message);
const config = workerData as WorkerConfig;

let service: BackendService;
try {
  service = createBackendService({
    ...config,
    emit: (name, payload) => post({ kind: 'event', name, payload }),
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

port.on('message', (message: HostToWorker) => {
  switch (message.kind) {
    case 'call':
      void answer(message.id, () => callMethod(message.method, message.input));
      break;
    case 'sync': {
      const controller = new AbortController();
      running.set(message.id, controller);
      void answer(message.id, () => service.runSync(message.request, controller.signal)).finally(() =>
        running.delete(message.id),
      );
      break;
    }
    case 'internal':
      void answer(message.id, () => {
        const handler = service.internal[message.method] as ((input: unknown) => unknown) | undefined;
        if (!handler)
          throw new AppError('invalid_input', `The backend has no internal method "${message.method}".`);
        return handler(message.input);
      });
      break;
    case 'cancel':
      running.get(message.id)?.abort(new AppError('cancelled', 'The sync was cancelled.'));
      break;
    case 'close':
      for (const controller of running.values()) controller.abort();
      void service.close().finally(() => port.close());
      break;
  }
});

function callMethod(method: BackendMethodName, input: unknown): unknown {
  const handler = service.handlers[method] as ((input: unknown) => unknown) | undefined;
  if (!handler || methods[method]?.owner !== 'backend') {
    throw new AppError('invalid_input', `The backend has no method "${String(method)}".`);
  }
  // The host validated already; validating again keeps the worker safe from any other host.
  const parsed = methods[method].input.safeParse(input);
  if (!parsed.success)
    throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'Invalid input.');
  return handler(parsed.data);
}

async function answer(id: number, work: () => unknown): Promise<void> {
  try {
    post({ kind: 'result', id, result: { ok: true, value: await work() } });
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[backend]', error);
    // A full disk can surface from any write, not only a sync's: say so rather than "unexpected".
    post({ kind: 'result', id, result: { ok: false, error: toErrorShape(diskFullError(error) ?? error) } });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
