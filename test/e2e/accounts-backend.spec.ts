/**
 * The harness path for accounts: window.api.addAccount goes through main's own handlers (input
 * validation, token check with Copernica via the worker, the token store over a fake
 * safeStorage) to a real backend worker pointed at a fake Copernica server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { startHarness, type Harness } from './harness/harness';

const token = 'e2e-good-token';

let fake: FakeCopernica;
let harness: Harness | undefined;

test.beforeEach(async () => {
  fake = await createFakeCopernica({
    tokens: [token],
    emailings: [{ id: 7001, subject: 'Harness emailing', sentAt: '2025-05-01 09:00:00', clicks: 42 }],
  });
});

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await fake.close();
});

/** Calls window.api.<method>(input) in the page and returns its Result envelope. */
function callApi(page: Page, method: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    ([name, arg]) =>
      (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api[
        name as string
      ]!(arg),
    [method, input] as const,
  );
}

test('adds an account through window.api: a bad token is refused, a good one is kept encrypted', async ({
  page,
}, testInfo) => {
  const databasePath = testInfo.outputPath('cache.db');
  harness = await startHarness({ databasePath, copernicaOrigin: `http://127.0.0.1:${fake.port}` });
  await page.goto(harness.url);

  const refused = await callApi(page, 'addAccount', { label: 'Client', token: 'e2e-wrong-token' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_token' } });
  expect(JSON.stringify(refused)).not.toContain('e2e-wrong-token');
  expect(await callApi(page, 'listAccounts', {})).toEqual({ ok: true, value: [] });

  const added = await callApi(page, 'addAccount', { label: 'Client', token });
  expect(added).toMatchObject({
    ok: true,
    value: {
      label: 'Client',
      apiVersion: 'v2',
      timeZone: 'Europe/Amsterdam',
      tokenStatus: 'ok',
      isDemo: false,
    },
  });
  expect(JSON.stringify(added)).not.toContain(token);
  expect(readFileSync(join(testInfo.outputPath(), 'tokens.json'), 'utf8')).not.toContain(token);
  const id = (added as { value: { id: number } }).value.id;

  // The worker holds the token now: the emailing list comes from the fake server.
  expect(await callApi(page, 'refreshEmailingList', { accountId: id })).toEqual({ ok: true, value: null });
  const listed = await callApi(page, 'listEmailings', { accountId: id });
  expect(listed).toMatchObject({
    ok: true,
    value: [{ emailingId: 7001, subject: 'Harness emailing', reportedClicks: 42 }],
  });
  expect(await callApi(page, 'getTokenStorage', {})).toEqual({
    ok: true,
    value: { backend: 'gnome_libsecret', secure: true, warning: null },
  });
});

test('reports the basic_text backend, and keeps tokens across a restart of the harness', async ({
  page,
}, testInfo) => {
  const databasePath = testInfo.outputPath('cache.db');
  const copernicaOrigin = `http://127.0.0.1:${fake.port}`;
  harness = await startHarness({ databasePath, copernicaOrigin, tokenStorageBackend: 'basic_text' });
  await page.goto(harness.url);
  const storage = (await callApi(page, 'getTokenStorage', {})) as {
    value: { secure: boolean; warning: string };
  };
  expect(storage.value.secure).toBe(false);
  expect(storage.value.warning).toMatch(/obfuscated/);
  // Saved across the restart because the user agreed to an unencrypted token (the dialog's checkbox).
  expect(
    await callApi(page, 'addAccount', { label: 'Client', token, storeTokenUnencrypted: true }),
  ).toMatchObject({ ok: true });
  await harness.close();

  harness = await startHarness({ databasePath, copernicaOrigin, tokenStorageBackend: 'basic_text' });
  await page.goto(harness.url);
  expect(await callApi(page, 'listAccounts', {})).toMatchObject({ ok: true, value: [{ tokenStatus: 'ok' }] });
});
