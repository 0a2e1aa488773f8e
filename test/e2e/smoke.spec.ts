/**
 * The first window, end to end: a cache filled by the real CLI from the fake Copernica server,
 * read by the real backend worker, shown by the built renderer in Chromium through the same
 * bridge the preload installs.
 */

import { expect, test, type Page } from '@playwright/test';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { eventNames, methodNames, subscribeName } from '../../src/shared/contract';
import { runCliSync } from './harness/cli';
import { startHarness, type Harness } from './harness/harness';
import { watchForProblems, screenshot } from './helpers/page';

const token = 'test-token';
const springSale = {
  id: 4101,
  subject: 'Voorjaarsactie: 20 % korting op álle fietsen — vanaf €499',
  clicks: 3250,
};
const newsletter = { id: 4102, subject: 'Spring newsletter', clicks: 1200 };

let fake: FakeCopernica;
let harness: Harness | undefined;

test.beforeEach(async () => {
  fake = await createFakeCopernica({
    port: 0,
    tokens: [token],
    emailings: [
      { ...springSale, sentAt: '2025-03-04 09:00:00' },
      { ...newsletter, sentAt: '2025-03-11 10:30:00' },
    ],
  });
});

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await fake.close();
});

async function seed(databasePath: string, emailingIds: number[]): Promise<void> {
  const run = await runCliSync({ baseUrl: fake.url, token, emailingIds, databasePath });
  expect(run.exitCode, run.stderr).toBe(0);
}

function rowOf(page: Page, emailingId: number) {
  return page.locator(`tr[data-emailing-id="${emailingId}"]`);
}

test('lists the cached emailings and follows a sync by the CLI without reloading', async ({
  page,
}, testInfo) => {
  const databasePath = testInfo.outputPath('cache.db');
  await seed(databasePath, [springSale.id, newsletter.id]);
  harness = await startHarness({ databasePath });
  const problems = watchForProblems(page, { failedRequests: true });
  await page.goto(harness.url);

  const count = new Intl.NumberFormat('en-US');
  await expect(page.getByRole('heading', { name: 'Copernica Clicks' })).toBeVisible();
  await expect(page.getByText('v0.1.0')).toBeVisible();
  // The account the CLI filled is chosen, with its emailings.
  await expect(page.locator('.account-item')).toHaveCount(1);
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await expect(rowOf(page, springSale.id).getByTestId('click-count')).toHaveText(count.format(3250));
  await expect(rowOf(page, newsletter.id).getByTestId('click-count')).toHaveText(count.format(1200));
  await expect(rowOf(page, springSale.id)).toContainText(springSale.subject);
  await expect(rowOf(page, springSale.id)).toContainText('Mar 4, 2025');
  await expect(rowOf(page, springSale.id)).toContainText('9:00 AM');
  await expect(rowOf(page, springSale.id).locator('.status-error')).toHaveCount(0);

  // Rows are reachable from the keyboard, and arrow keys move between them.
  await page.locator('tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('tbody tr').nth(1)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('tbody tr').first()).toBeFocused();
  await page.locator('tbody tr').first().blur();
  await screenshot(page, 'emailings');

  // A second run of the CLI (as cron would) adds clicks to one emailing and fails on the other;
  // the window learns of it through cacheChanged alone.
  await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
  await expect.poll(() => harness?.eventListeners).toBeGreaterThan(0);
  fake.appendClicks(springSale.id, 750);
  fake.inject({ kind: 'json400', path: new RegExp(`/emailing/${newsletter.id}/`), message: 'Access denied' });
  // Its exit code is the CLI's business (one emailing failed); this test is about the window.
  await runCliSync({ baseUrl: fake.url, token, emailingIds: [springSale.id, newsletter.id], databasePath });

  await expect(rowOf(page, springSale.id).getByTestId('click-count')).toHaveText(count.format(4000));
  // What happened in words, in red; Copernica's own answer one click away.
  const status = rowOf(page, newsletter.id).getByTestId('sync-status');
  const lastError = status.locator('.status-error');
  await expect(lastError).toHaveText('Copernica refused the request.');
  await expect(lastError).toHaveCSS('color', 'rgb(196, 38, 29)');
  await status.getByRole('button', { name: 'Details' }).click();
  await expect(status.getByRole('note', { name: 'What went wrong' })).toContainText('Access denied');
  await page.keyboard.press('Escape');
  await expect(rowOf(page, newsletter.id).getByTestId('click-count')).toHaveText(count.format(1200));
  expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await screenshot(page, 'emailings-after-sync');

  expect(problems).toEqual([]);
});

test('window.api is exactly the contract, and openExternal refuses what is not a web link', async ({
  page,
}, testInfo) => {
  harness = await startHarness({ databasePath: testInfo.outputPath('cache.db') });
  await page.goto(harness.url);

  const shape = await page.evaluate(() => {
    const api = (globalThis as unknown as { api: Record<string, unknown> }).api;
    return Object.keys(api).map((key) => [key, typeof api[key]]);
  });
  const expected = [...methodNames, ...eventNames.map(subscribeName)];
  expect(shape.map(([key]) => key).sort()).toEqual([...expected].sort());
  expect(shape.every(([, type]) => type === 'function')).toBe(true);

  const refused = await page.evaluate(() =>
    (globalThis as unknown as { api: { openExternal(input: unknown): Promise<unknown> } }).api.openExternal({
      url: 'javascript:alert(1)',
    }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

  const opened = await page.evaluate(() =>
    (globalThis as unknown as { api: { openExternal(input: unknown): Promise<unknown> } }).api.openExternal({
      url: 'https://www.copernica.com/en/documentation',
    }),
  );
  expect(opened).toEqual({ ok: true, value: null });
  expect(harness.openedExternally).toEqual(['https://www.copernica.com/en/documentation']);
});

test('an empty cache says what to do next', async ({ page }, testInfo) => {
  harness = await startHarness({ databasePath: testInfo.outputPath('cache.db') });
  const problems = watchForProblems(page, { failedRequests: true });
  await page.goto(harness.url);

  await expect(
    page.getByRole('heading', { name: 'Add a Copernica account or explore sample data' }),
  ).toBeVisible();
  await expect(page.getByRole('main').getByRole('button', { name: 'Add account' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('button', { name: 'Explore sample data' })).toBeVisible();
  await expect(page.locator('table')).toHaveCount(0);
  await screenshot(page, 'empty-state');
  expect(problems).toEqual([]);
});

test('a failed load is shown, and Try again recovers', async ({ page }, testInfo) => {
  const databasePath = testInfo.outputPath('cache.db');
  await seed(databasePath, [springSale.id]);
  harness = await startHarness({ databasePath });
  const listChannel = `**/__harness/invoke/${encodeURIComponent('api:listAccounts')}`;
  await page.route(listChannel, (route) =>
    route.fulfill({
      json: { ok: false, error: { code: 'io_error', message: 'The cache file could not be read.' } },
    }),
  );
  await page.goto(harness.url);

  await expect(page.getByRole('alert')).toContainText('Could not load the accounts.');
  await expect(page.getByRole('alert')).toContainText('The cache file could not be read.');
  await screenshot(page, 'load-error');

  await page.unroute(listChannel);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(rowOf(page, springSale.id).getByTestId('click-count')).toHaveText('3,250');
});

test.describe('in a Dutch locale', () => {
  test.use({ locale: 'nl-NL' });

  test('numbers and dates follow the locale', async ({ page }, testInfo) => {
    const databasePath = testInfo.outputPath('cache.db');
    await seed(databasePath, [springSale.id]);
    harness = await startHarness({ databasePath });
    await page.goto(harness.url);

    await expect(rowOf(page, springSale.id).getByTestId('click-count')).toHaveText('3.250');
    await expect(rowOf(page, springSale.id)).toContainText('4 mrt 2025');
    await expect(rowOf(page, springSale.id)).toContainText('09:00');
  });
});
