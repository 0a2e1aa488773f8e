/**
 * Main's account, token and settings methods through main's own IPC handling (validation and
 * output check on), over the real accounts module and a fake Copernica server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAccountsInBackend } from '../../src/main/mainHandlers';
import { backendOf, mainOver } from '../helpers/mainOverAccounts';
import { TOKEN, status, until, useSetup } from '../accounts/setup';

const setupBackend = useSetup();

async function setup(storageBackend = 'gnome_libsecret') {
  const s = await setupBackend();
  const tokenFile = join(s.databasePath, '..', 'tokens.json');
  return { ...s, tokenFile, ...mainOver(s.mod, tokenFile, storageBackend) };
}

describe('main: accounts and tokens', () => {
  it('adds an account with a good token; the token is kept encrypted and never returned', async () => {
    const m = await setup();
    const added = await m.invoke('addAccount', { label: 'Client', token: TOKEN });
    expect(added).toMatchObject({
      ok: true,
      value: { label: 'Client', tokenStatus: 'ok', remoteName: 'Development' },
    });
    expect(JSON.stringify(added)).not.toContain(TOKEN);
    expect(JSON.stringify(await m.invoke('listAccounts', {}))).not.toContain(TOKEN);
    expect(readFileSync(m.tokenFile, 'utf8')).not.toContain(TOKEN);
    const id = (added as { value: { id: number } }).value.id;
    expect(await m.tokens.loadAll()).toEqual([{ accountId: id, token: TOKEN }]);
    // The worker has it: the list refresh works.
    expect(await m.invoke('refreshEmailingList', { accountId: id })).toEqual({ ok: true, value: null });
  });

  it('refuses a bad token with invalid_token and saves nothing', async () => {
    const m = await setup();
    const refused = await m.invoke('addAccount', { label: 'Client', token: 'not-the-token' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_token' } });
    expect(JSON.stringify(refused)).not.toContain('not-the-token');
    expect(await m.invoke('listAccounts', {})).toEqual({ ok: true, value: [] });
    expect(() => readFileSync(m.tokenFile)).toThrow();
  });

  it('checks input before anything: a short token or an unknown time zone', async () => {
    const m = await setup();
    expect(await m.invoke('addAccount', { label: 'x', token: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await m.invoke('addAccount', { label: 'x', token: TOKEN, timeZone: 'Mars/Base' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(m.fake.requests).toEqual([]);
  });

  it('edits an account; a new token is verified first and clears "needs a new token"', async () => {
    const m = await setup();
    const { value } = (await m.invoke('addAccount', { label: 'Client', token: TOKEN })) as {
      value: { id: number };
    };
    m.db.prepare(`UPDATE accounts SET token_status = 'rejected'`).run();
    expect(await m.invoke('updateAccount', { id: value.id, token: 'wrong-token-here' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_token' },
    });
    const edited = await m.invoke('updateAccount', { id: value.id, token: TOKEN, label: 'Renamed' });
    expect(edited).toMatchObject({ ok: true, value: { label: 'Renamed', tokenStatus: 'ok' } });
    expect(JSON.stringify(edited)).not.toContain(TOKEN);
  });

  it('removes an account with its token', async () => {
    const m = await setup();
    const { value } = (await m.invoke('addAccount', { label: 'Client', token: TOKEN })) as {
      value: { id: number };
    };
    expect(await m.invoke('removeAccount', { id: value.id })).toEqual({ ok: true, value: null });
    expect(await m.tokens.loadAll()).toEqual([]);
    expect(await m.invoke('listAccounts', {})).toEqual({ ok: true, value: [] });
  });

  it('tells about basic_text, and refuses to add when nothing can encrypt', async () => {
    const m = await setup('basic_text');
    const storage = await m.invoke('getTokenStorage', {});
    expect(storage).toMatchObject({ ok: true, value: { backend: 'basic_text', secure: false } });
    expect((storage as { value: { warning: string } }).value.warning).toMatch(/obfuscated/);
    m.safeStorage.available = false;
    expect(await m.invoke('addAccount', { label: 'Client', token: TOKEN })).toMatchObject({
      ok: false,
      error: { code: 'io_error' },
    });
    expect(m.fake.requests).toEqual([]);
  });

  it('keeps settings and grid state', async () => {
    const m = await setup();
    expect(await m.invoke('getSettings', {})).toEqual({ ok: true, value: { refreshAfterMinutes: 60 } });
    expect(await m.invoke('updateSettings', { refreshAfterMinutes: 0 })).toMatchObject({ ok: false });
    expect(await m.invoke('updateSettings', { refreshAfterMinutes: 120 })).toEqual({
      ok: true,
      value: { refreshAfterMinutes: 120 },
    });
    expect(await m.invoke('getGridState', { gridId: 'clicks' })).toEqual({ ok: true, value: null });
    const state = { columns: [{ colId: 'ip', width: 120 }] };
    expect(await m.invoke('saveGridState', { gridId: 'clicks', state })).toEqual({ ok: true, value: null });
    expect(await m.invoke('getGridState', { gridId: 'clicks' })).toEqual({ ok: true, value: state });
  });

  it('at start-up hands the saved tokens to the worker and refreshes stale tracked emailings', async () => {
    const m = await setup();
    const { value } = (await m.invoke('addAccount', { label: 'Client', token: TOKEN })) as {
      value: { id: number };
    };
    await m.invoke('refreshEmailingList', { accountId: value.id });
    m.db.prepare('UPDATE emailings SET tracked = 1 WHERE remote_id = 502').run();
    await m.mod.close();

    const mod = m.restart();
    const errors: string[] = [];
    await startAccountsInBackend(backendOf(mod), m.tokens, m.settings, {
      error: (msg) => void errors.push(msg),
    });
    expect(errors).toEqual([]);
    expect(await mod.handlers.listAccounts({})).toMatchObject([{ tokenStatus: 'ok' }]);
    expect(status(mod).syncing).toHaveLength(1);
    await until(() => status(mod).syncing.length === 0);
    expect(m.db.prepare('SELECT COUNT(*) FROM clicks').pluck().get()).toBe(250);
  });
});
