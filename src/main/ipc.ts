/**
 * The only place main answers the renderer. Each contract method gets one handler that checks
 * who is asking (checklist item 17: the frame must be our renderer), validates the input with
 * the contract's schema, forwards backend methods to the worker and runs main's own methods
 * here, and always answers with a Result envelope: the renderer never sees a thrown error, a
 * stack trace or a value the contract does not describe.
 */
import { z } from 'zod';
import {
  type BackendMethodName,
  type MainMethodName,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type MethodSpec,
  methodChannel,
  methodNames,
  methods,
} from '../shared/contract';
import { type AppErrorShape, errorCodes, toErrorShape } from '../shared/errors';
import { fail, ok, type Result } from '../shared/result';
import { describeIssues } from './describeIssues';

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** The part of Electron's IpcMainInvokeEvent the handlers read. */
export interface InvokeEvent {
  senderFrame: SenderFrame | null;
}

/** The part of Electron's ipcMain used here, so tests can pass a plain object. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export interface BackendCaller {
  call<M extends BackendMethodName>(method: M, input: MethodParsedInput<M>): Promise<Result<MethodOutput<M>>>;
}

/** Main's own methods receive validated input; a thrown AppError reaches the user as is. */
export type MainHandlers = {
  [M in MainMethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>>;
};

export interface IpcLogger {
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export interface ContractHandlerDeps {
  ipcMain: IpcMainLike;
  isTrustedSender(frame: SenderFrame | null): boolean;
  backend: BackendCaller;
  mainHandlers: MainHandlers;
  /** Checks answers against the contract too: on in development, where a mismatch is a bug to see early. */
  validateOutput: boolean;
  log: IpcLogger;
}

const forbidden: AppErrorShape = {
  code: 'forbidden_sender',
  message: 'This request did not come from the Copernica Clicks window and was refused.',
};

const errorShapeSchema = z.object({ code: z.enum(errorCodes), message: z.string() });

function isBackendMethod(name: MethodName): name is BackendMethodName {
  return methods[name].owner === 'backend';
}

/** An error envelope from the backend, reduced to the two fields the renderer may see. */
function sanitizeError(error: unknown, name: MethodName, log: IpcLogger): AppErrorShape {
  const parsed = errorShapeSchema.safeParse(error);
  if (parsed.success) return parsed.data;
  log.error(`${name}: the backend answered with a malformed error`, error);
  return toErrorShape(undefined);
}

export function createInvokeHandler(
  name: MethodName,
  deps: ContractHandlerDeps,
): (event: InvokeEvent, input: unknown) => Promise<Result<unknown>> {
  const spec: MethodSpec = methods[name];
  const { log } = deps;
  return async (event, rawInput) => {
    try {
      if (!deps.isTrustedSender(event.senderFrame)) {
        log.warn(
          `${name}: refused a call from ${event.senderFrame?.url.slice(0, 200) ?? 'a destroyed frame'}`,
        );
        return fail(forbidden);
      }
      const input = spec.input.safeParse(rawInput);
      if (!input.success) {
        const issues = describeIssues(input.error.issues);
        log.warn(`Invalid input for ${name}: ${issues}`);
        // The window may show this: it names the fields, never the method behind them.
        return fail({ code: 'invalid_input', message: `This request was not accepted: ${issues}` });
      }
      let result: Result<unknown>;
      if (isBackendMethod(name)) {
        result = await deps.backend.call(name, input.data as MethodParsedInput<BackendMethodName>);
      } else {
        const handler = deps.mainHandlers[name] as (input: unknown) => Promise<unknown>;
        result = ok(await handler(input.data));
      }
      if (!result.ok) return fail(sanitizeError(result.error, name, log));
      if (!deps.validateOutput) return result;
      const output = spec.output.safeParse(result.value);
      if (output.success) return ok(output.data);
      log.error(`${name}: the answer does not match the contract: ${describeIssues(output.error.issues)}`);
      return fail(toErrorShape(undefined));
    } catch (error) {
      log.error(`${name} failed`, error);
      return fail(toErrorShape(error));
    }
  };
}

/** Registers one handler per contract method; returns a function that removes them all. */
export function registerContractHandlers(deps: ContractHandlerDeps): () => void {
  for (const name of methodNames) deps.ipcMain.handle(methodChannel(name), createInvokeHandler(name, deps));
  return () => {
    for (const name of methodNames) deps.ipcMain.removeHandler(methodChannel(name));
  };
}

/** Only the top frame of a page we loaded may call: not an iframe, not a page navigated elsewhere. */
export function createSenderCheck(
  isRendererUrl: (url: string) => boolean,
): (frame: SenderFrame | null) => boolean {
  return (frame) => frame !== null && frame.parent === null && isRendererUrl(frame.url);
}
