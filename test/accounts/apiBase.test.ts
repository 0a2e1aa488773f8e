/**
 * Security 2: the token goes to Copernica's origin only. A cache file's accounts.api_base can
 * name any host (the CLI's --base-url writes it, and so can anyone who can write the file); a
 * real account's requests must ignore it and go to the origin plus the account's API version.
 */
import { describe, expect, it } from 'vitest';
import { type HttpGet, nodeHttpGet } from '../../src/backend/copernica/httpGet';
import { TOKEN, addAccount, keyOf, status, until, useSetup } from './setup';

const setup = useSetup();

/** Records every URL asked for; only the test's Copernica is really reached, nothing leaves the machine. */
function recordingGet(allowedOrigin: string): { get: HttpGet; urls: string[] } {
  const urls: string[] = [];
  const get: HttpGet = (url, init) => {
    urls.push(url);
    if (new URL(url).origin !== allowedOrigin) {
      return Promise.reject(
        Object.assign(new Error('connect ECONNREFUSED (test)'), { code: 'ECONNREFUSED' }),
      );
    }
    return nodeHttpGet(url, init);
  };
  return { get, urls };
}

describe('the API base of a real account', () => {
  it.each([
    ['v2', 'http://attacker.example/v2'],
    ['v3', 'https://copernica.attacker.example/v3'],
  ] as const)(
    'is Copernica’s origin plus %s, whatever api_base the cache file names (%s)',
    async (apiVersion, storedBase) => {
      const s = await setup();
      const account = await addAccount(s.mod, { apiVersion });
      s.db.prepare('UPDATE accounts SET api_base = ? WHERE id = ?').run(storedBase, account.id);

      // The app started again over that file, with the token main keeps.
      const recorder = recordingGet(s.ctx.copernicaOrigin);
      s.ctx.fetch = recorder.get;
      const mod = s.restart();
      await mod.internal.setCredentials([{ accountId: account.id, token: TOKEN }]);
      await mod.handlers.refreshEmailingList({ accountId: account.id });
      const key = keyOf(mod, account.id, 502);
      await mod.handlers.syncEmailings({ emailingKeys: [key] });
      await until(() => status(mod).syncing.length === 0);

      expect(recorder.urls.length).toBeGreaterThan(1);
      for (const url of recorder.urls)
        expect(url.startsWith(`${s.ctx.copernicaOrigin}/${apiVersion}/`)).toBe(true);
      expect(recorder.urls.some((url) => url.includes('attacker'))).toBe(false);
      expect(s.db.prepare('SELECT COUNT(*) FROM clicks').pluck().get()).toBe(250);
    },
  );
});
