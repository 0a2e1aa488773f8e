/**
 * Security 5: on Linux without a keyring (safeStorage's basic_text) a token is written to disk,
 * merely obfuscated, only when the user agrees in the account dialog; otherwise it serves this
 * session and is gone at the next start, where the account then needs a token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MethodName, methodChannel } from '../../src/shared/contract';
import { toErrorShape } from '../../src/shared/errors';
import type { Result } from '../../src/shared/result';
import type { Handlers } from '../../src/backend/handlers';
import type { AccountsModule } from '../../src/backend/accounts/module';
import { createSenderCheck, type InvokeEvent, registerContractHandlers } from '../../src/main/ipc';
import type { BackendAccess } from '../../src/main/backendAccess';
import { createMainHandlers, startAccountsInBackend } from '../../src/main/mainHandlers';
import { createTokenStore } from '../../src/main/secrets';
import { createSettingsStore, memoryStore } from '../../src/main/settings';
import { createFakeSafeStorage } from '../e2e/harness/fakeSafeStorage';
import { TOKEN, status, until, useSetup } from '../accounts/setup';

const setupBackend = useSetup();
const log = { warn: () => undefined, error: () => undefined };

async function wrap<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}

function backendOf(mod: AccountsModule): BackendAccess {
  return {
    call: (method, input) =>
      wrap(() => (mod.handlers as unknown as Handlers)[method](input as never)) as never,
    internal: (method, input) =>
      wrap(() =>
        ((mod.internal as Record<string, unknown>)[method] as (i: unknown) => unknown)(input),
      ) as never,
  };
}

/** Main's handlers as the renderer reaches them, over one backend module and a token file. */
function mainOver(mod: AccountsModule, tokenFile: string, storageBackend: string) {
  const tokens = createTokenStore({
    file: tokenFile,
    safeStorage: createFakeSafeStorage(storageBackend),
    platform: 'linux',
    log,
  });
  const settings = createSettingsStore(memoryStore(), log);
  const backend = backendOf(mod);
  const handlers = new Map<string, (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>>();
  registerContractHandlers({
    ipcMain: { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
    isTrustedSender: createSenderCheck(() => true),
    backend,
    mainHandlers: createMainHandlers({ openInShell: async () => undefined, backend, tokens, settings }),
    validateOutput: true,
    log,
  });
  const invoke = async (name: MethodName, input: unknown) => {
    const result = await (handlers.get(methodChannel(name)) as NonNullable<ReturnType<typeof handlers.get>>)(
      { senderFrame: { url: 'app://renderer/', parent: null } },
      input,
    );
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { tokens, settings, invoke };
}

async function setup(storageBackend: string) {
  const s = await setupBackend();
  const tokenFile = join(s.databasePath, '..', 'tokens.json');
  return { ...s, tokenFile, main: mainOver(s.mod, tokenFile, storageBackend) };
}

/** The app started again over the same cache and token file. */
async function restartApp(s: Awaited<ReturnType<typeof setup>>, storageBackend: string) {
  await s.mod.close();
  const mod = s.restart();
  const main = mainOver(mod, s.tokenFile, storageBackend);
  await startAccountsInBackend(backendOf(mod), main.tokens, main.settings, log);
  return { mod, main };
}

const fileText = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

describe('a token on Linux with the basic_text keyring', () => {
  it('without consent is written nowhere, works for the session, and is asked for again after a restart', async () => {
    const s = await setup('basic_text');
    const account = (await s.main.invoke('addAccount', { label: 'Client', token: TOKEN })) as { id: number };
    expect(account).toMatchObject({ tokenStatus: 'ok' });
    expect(existsSync(s.tokenFile)).toBe(false);

    // Usable now: the emailing list and a sync go to Copernica with it.
    await s.main.invoke('refreshEmailingList', { accountId: account.id });
    s.db.prepare('UPDATE emailings SET tracked = 1 WHERE remote_id = 502').run();
    await s.main.invoke('syncEmailings', { accountId: account.id });
    await until(() => status(s.mod).syncing.length === 0);
    expect(s.db.prepare('SELECT COUNT(*) FROM clicks').pluck().get()).toBe(250);
    expect(existsSync(s.tokenFile)).toBe(false);

    const after = await restartApp(s, 'basic_text');
    expect(await after.main.invoke('listAccounts', {})).toMatchObject([
      { id: account.id, tokenStatus: 'missing' },
    ]);
  });

  it('with consent is saved (obfuscated) and still there after a restart', async () => {
    const s = await setup('basic_text');
    const account = (await s.main.invoke('addAccount', {
      label: 'Client',
      token: TOKEN,
      storeTokenUnencrypted: true,
    })) as { id: number };
    expect(JSON.parse(fileText(s.tokenFile))).toMatchObject({
      tokens: { [String(account.id)]: expect.any(String) },
    });
    expect(fileText(s.tokenFile)).not.toContain(TOKEN);
    const after = await restartApp(s, 'basic_text');
    expect(await after.main.invoke('listAccounts', {})).toMatchObject([
      { id: account.id, tokenStatus: 'ok' },
    ]);
  });

  it('entered again without consent takes the saved one off the disk', async () => {
    const s = await setup('basic_text');
    const account = (await s.main.invoke('addAccount', {
      label: 'Client',
      token: TOKEN,
      storeTokenUnencrypted: true,
    })) as { id: number };
    await s.main.invoke('updateAccount', { id: account.id, token: TOKEN });
    expect(JSON.parse(fileText(s.tokenFile))).toEqual({ version: 1, tokens: {} });
    expect(await s.main.invoke('listAccounts', {})).toMatchObject([{ tokenStatus: 'ok' }]);
    const after = await restartApp(s, 'basic_text');
    expect(await after.main.invoke('listAccounts', {})).toMatchObject([{ tokenStatus: 'missing' }]);
  });
});

describe('a token where a keyring encrypts it', () => {
  it('is saved without being asked, as before', async () => {
    const s = await setup('gnome_libsecret');
    const account = (await s.main.invoke('addAccount', { label: 'Client', token: TOKEN })) as { id: number };
    expect(JSON.parse(fileText(s.tokenFile))).toMatchObject({
      tokens: { [String(account.id)]: expect.any(String) },
    });
    const after = await restartApp(s, 'gnome_libsecret');
    expect(await after.main.invoke('listAccounts', {})).toMatchObject([{ tokenStatus: 'ok' }]);
  });
});
