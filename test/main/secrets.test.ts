import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenStore } from '../../src/main/secrets';
import { createFakeSafeStorage } from '../e2e/harness/fakeSafeStorage';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();

function setup(backend = 'gnome_libsecret', platform: NodeJS.Platform = 'linux') {
  const dir = tempDir();
  const file = join(dir, 'tokens.json');
  const safeStorage = createFakeSafeStorage(backend);
  const warnings: string[] = [];
  const store = createTokenStore({
    file,
    safeStorage,
    platform,
    log: { warn: (message, error) => void warnings.push(`${message} ${String(error ?? '')}`) },
  });
  return { dir, file, safeStorage, store, warnings };
}

describe('the token store', () => {
  it('keeps tokens encrypted in their own file and gives them back', async () => {
    const { store, file, dir } = setup();
    await store.save(3, 'secret-token-three');
    await store.save(7, 'secret-token-seven');
    await store.save(3, 'secret-token-three-new');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('secret-token');
    expect(await store.loadAll()).toEqual([
      { accountId: 3, token: 'secret-token-three-new' },
      { accountId: 7, token: 'secret-token-seven' },
    ]);
    await store.remove(3);
    expect(await store.loadAll()).toEqual([{ accountId: 7, token: 'secret-token-seven' }]);
    // Written atomically: no temporary files are left, and only the owner may read it.
    expect(readdirSync(dir)).toEqual(['tokens.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('keeps every change when several arrive at once', async () => {
    const { store } = setup();
    await Promise.all([1, 2, 3, 4, 5].map((id) => store.save(id, `token-number-${id}`)));
    expect((await store.loadAll()).map((t) => t.accountId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reports the backend, and warns about basic_text', () => {
    expect(setup('gnome_libsecret').store.storage()).toEqual({
      backend: 'gnome_libsecret',
      secure: true,
      warning: null,
    });
    const basic = setup('basic_text').store.storage();
    expect(basic).toMatchObject({ backend: 'basic_text', secure: false });
    expect(basic.warning).toMatch(/only obfuscated/);
    expect(setup('basic_text', 'darwin').store.storage()).toEqual({
      backend: 'keychain',
      secure: true,
      warning: null,
    });
    expect(setup('basic_text', 'win32').store.storage()).toMatchObject({ backend: 'dpapi', secure: true });
  });

  it('refuses to save when nothing can encrypt, and says so', async () => {
    const { store, safeStorage, file } = setup();
    safeStorage.available = false;
    expect(store.storage()).toMatchObject({ secure: false, warning: expect.stringMatching(/cannot save/) });
    await expect(store.save(1, 'secret-token')).rejects.toMatchObject({ code: 'io_error' });
    expect(() => readFileSync(file)).toThrow();
  });

  it('skips a token it cannot decrypt and a damaged file, without logging a token', async () => {
    const { store, file, warnings } = setup();
    await store.save(1, 'secret-token-one');
    const content = JSON.parse(readFileSync(file, 'utf8')) as { tokens: Record<string, string> };
    content.tokens['2'] = Buffer.from('garbage').toString('base64');
    writeFileSync(file, JSON.stringify(content));
    expect(await store.loadAll()).toEqual([{ accountId: 1, token: 'secret-token-one' }]);
    expect(warnings.join('\n')).toMatch(/account 2 cannot be decrypted/);

    writeFileSync(file, '{ not json');
    expect(await store.loadAll()).toEqual([]);
    expect(warnings.join('\n')).not.toContain('secret-token');
  });
});
