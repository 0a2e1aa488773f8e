/**
 * Security 5: on Linux without a keyring (safeStorage's basic_text) a token is written to disk,
 * merely obfuscated, only when the user agrees in the account dialog; otherwise it serves this
 * session and is gone at the next start, where the account then needs a token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../src/shared/contract';
import type { AccountsModule } from '../../src/backend/accounts/accountsModule';
import { startAccountsInBackend } from '../../src/main/mainHandlers';
import { backendOf, mainOver, quietLog } from '../helpers/mainOverAccounts';
import { TOKEN, status, until, useSetup } from '../accounts/setup';

const setupBackend = useSetup();

/** Main's handlers as the renderer reaches them, each call's value or a thrown error. */
function mainOverUnwrapped(mod: AccountsModule, tokenFile: string, storageBackend: string) {
  const main = mainOver(mod, tokenFile, storageBackend);
  const invoke = async (name: MethodName, input: unknown) => {
    const result = await main.invoke(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { tokens: main.tokens, settings: main.settings, invoke };
}

async function setup(storageBackend: string) {
  const s = await setupBackend();
  const tokenFile = join(s.databasePath, '..', 'tokens.json');
  return { ...s, tokenFile, main: mainOverUnwrapped(s.mod, tokenFile, storageBackend) };
}

/** The app started again over the same cache and token file. */
async function restartApp(s: Awaited<ReturnType<typeof setup>>, storageBackend: string) {
  await s.mod.close();
  const mod = s.restart();
  const main = mainOverUnwrapped(mod, s.tokenFile, storageBackend);
  await startAccountsInBackend(backendOf(mod), main.tokens, main.settings, quietLog);
  return { mod, main };
}

/** An account added on basic_text with the user's consent to keep its token on disk. */
async function addedWithConsent() {
  const s = await setup('basic_text');
  const account = (await s.main.invoke('addAccount', {
    label: 'Client',
    token: TOKEN,
    storeTokenUnencrypted: true,
  })) as { id: number };
  return { s, account };
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
    const { s, account } = await addedWithConsent();
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
    const { s, account } = await addedWithConsent();
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
