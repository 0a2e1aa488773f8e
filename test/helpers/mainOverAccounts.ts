/**
 * Main's IPC handling (validation and output check on) over the real accounts module, in the
 * process: the handlers registered as main registers them, invoked as the renderer would.
 */
import { type MethodName, methodChannel } from '../../src/shared/contract';
import { toErrorShape } from '../../src/shared/errors';
import type { Result } from '../../src/shared/result';
import type { Handlers } from '../../src/backend/handlers';
import type { AccountsModule } from '../../src/backend/accounts/accountsModule';
import { createSenderCheck, type InvokeEvent, registerContractHandlers } from '../../src/main/ipc';
import type { BackendAccess } from '../../src/main/backendAccess';
import { createMainHandlers } from '../../src/main/mainHandlers';
import { createTokenStore } from '../../src/main/secrets';
import { createSettingsStore, memoryStore } from '../../src/main/settings';
import { createFakeSafeStorage } from '../e2e/harness/fakeSafeStorage';

export const quietLog = { warn: () => undefined, error: () => undefined };

async function wrap<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}

/** The module as main reaches the worker: each call's outcome, an error as its shape. */
export function backendOf(mod: AccountsModule): BackendAccess {
  return {
    call: (method, input) =>
      wrap(() => (mod.handlers as unknown as Handlers)[method](input as never)) as never,
    internal: (method, input) =>
      wrap(() =>
        ((mod.internal as Record<string, unknown>)[method] as (i: unknown) => unknown)(input),
      ) as never,
  };
}

/** Main's handlers over one module, a token file and a fake keyring of `storageBackend`. */
export function mainOver(mod: AccountsModule, tokenFile: string, storageBackend: string) {
  const safeStorage = createFakeSafeStorage(storageBackend);
  const tokens = createTokenStore({ file: tokenFile, safeStorage, platform: 'linux', log: quietLog });
  const settings = createSettingsStore(memoryStore(), quietLog);
  const backend = backendOf(mod);
  const handlers = new Map<string, (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>>();
  registerContractHandlers({
    ipcMain: { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
    isTrustedSender: createSenderCheck(() => true),
    backend,
    mainHandlers: createMainHandlers({ openInShell: async () => undefined, backend, tokens, settings }),
    validateOutput: true,
    log: quietLog,
  });
  const invoke = (name: MethodName, input: unknown) =>
    (handlers.get(methodChannel(name)) as NonNullable<ReturnType<typeof handlers.get>>)(
      { senderFrame: { url: 'app://renderer/', parent: null } },
      input,
    );
  return { safeStorage, tokens, settings, backend, invoke };
}
