/**
 * The app shell end to end: accounts added through main's token handling, the emailing list
 * fetched from a fake Copernica server, tracking and a visible, cancellable sync, offline
 * browsing, the sample data and the settings, all in the built renderer over the real backend.
 */

import { expect, test, type Page } from '@playwright/test';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { startHarness, type Harness } from './harness/harness';
import { watchForProblems, screenshot } from './helpers/page';

const token = 'good-token-4242';
const big = { id: 5101, subject: 'Voorjaarsactie: 20 % korting op álle fietsen', clicks: 60_000 };
const small = { id: 5102, subject: 'Nieuwsbrief april', clicks: 480 };

let fake: FakeCopernica | undefined;
let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await fake?.close();
  fake = undefined;
});

async function start(
  testInfo: { outputPath(name: string): string },
  options: { latencyMs?: number; tokenStorageBackend?: string } = {},
): Promise<Harness> {
  fake = await createFakeCopernica({
    port: 0,
    tokens: [token],
    latencyMs: options.latencyMs ?? 0,
    emailings: [
      { ...big, sentAt: '2025-04-01 09:00:00', destinations: 48_210 },
      { ...small, sentAt: '2025-04-08 10:30:00', destinations: 12_400 },
    ],
  });
  harness = await startHarness({
    databasePath: testInfo.outputPath('cache.db'),
    copernicaOrigin: new URL(fake.url).origin,
    ...(options.tokenStorageBackend ? { tokenStorageBackend: options.tokenStorageBackend } : {}),
  });
  return harness;
}

function rowOf(page: Page, emailingId: number) {
  return page.locator(`tr[data-emailing-id="${emailingId}"]`);
}

async function addAccount(page: Page, label: string, withToken: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Accounts' })
    .getByRole('button', { name: 'Add account' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Add a Copernica account' });
  await dialog.getByLabel('Name').fill(label);
  await dialog.getByLabel('Access token').fill(withToken);
  await dialog.getByRole('button', { name: 'Add account' }).click();
}

async function addAccountAndFetch(page: Page): Promise<void> {
  await addAccount(page, 'Fietsenwinkel', token);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Fetch emailing list' }).first().click();
  await expect(page.locator('tbody tr')).toHaveCount(2);
}

test('add accounts, fetch the list, track, sync with progress, cancel and remove', async ({
  page,
}, testInfo) => {
  const app = await start(testInfo, { latencyMs: 250, tokenStorageBackend: 'basic_text' });
  const problems = watchForProblems(page, { failedRequests: true });
  await page.goto(app.url);

  await expect(
    page.getByRole('heading', { name: 'Add a Copernica account or explore sample data' }),
  ).toBeVisible();
  await screenshot(page, 'accounts-empty');

  // A token Copernica refuses: its message next to the field, and no account.
  await addAccount(page, 'Fietsenwinkel', 'not-a-valid-token');
  const dialog = page.getByRole('dialog', { name: 'Add a Copernica account' });
  await expect(dialog.getByRole('alert')).toContainText('Invalid access token');
  await expect(dialog.getByLabel('Access token')).toHaveAttribute('aria-invalid', 'true');
  // Linux without a keyring: said where the token is typed.
  await expect(dialog.getByText(/basic_text|keyring|not encrypted|obfuscated/i).first()).toBeVisible();
  await screenshot(page, 'add-account');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.account-item')).toHaveCount(0);

  // The same with a good token, a zone picked by searching the list.
  await page
    .getByRole('navigation', { name: 'Accounts' })
    .getByRole('button', { name: 'Add account' })
    .click();
  await dialog.getByLabel('Name').fill('Fietsenwinkel');
  await dialog.getByLabel('Access token').fill(token);
  await dialog.getByRole('combobox', { name: 'Time zone' }).fill('lisb');
  await page.getByRole('option', { name: 'Europe/Lisbon' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Lisbon');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('.account-item')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Fietsenwinkel' })).toBeVisible();
  await expect(page.getByText('Europe/Lisbon')).toBeVisible();

  await page.getByRole('button', { name: 'Fetch emailing list' }).first().click();
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await expect(rowOf(page, big.id)).toContainText(big.subject);
  await expect(rowOf(page, big.id)).toContainText('Apr 1, 2025');
  await expect(rowOf(page, big.id)).toContainText('9:00 AM');

  // The search box narrows the list (by subject, or by ID).
  await page.getByLabel('Search emailings').fill('nieuwsbrief');
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('Search emailings').fill(String(big.id));
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(rowOf(page, big.id)).toBeVisible();
  await page.getByLabel('Search emailings').fill('');
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await screenshot(page, 'emailing-list');

  // Tracking an emailing starts its refresh: the bar moves; Cancel stops it, Refresh resumes.
  await rowOf(page, big.id).getByRole('switch').check();
  await expect(rowOf(page, big.id).getByRole('switch')).toBeChecked();
  const bar = rowOf(page, big.id).getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/);
  const first = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(first);
  await expect(rowOf(page, big.id).getByTestId('sync-status')).toContainText(/ \/ 60,000/);
  await screenshot(page, 'sync-progress');
  await rowOf(page, big.id)
    .getByRole('button', { name: /^Cancel refreshing/ })
    .click();
  await expect(bar).toHaveCount(0);
  const refresh = rowOf(page, big.id).getByRole('button', { name: /^Refresh / });
  await expect(refresh).toBeVisible();
  const partial = Number(
    (await rowOf(page, big.id).getByTestId('click-count').textContent())!.replace(/\D/g, ''),
  );
  expect(partial).toBeLessThan(big.clicks);
  await refresh.click();
  await expect(bar).toBeVisible();
  await rowOf(page, big.id)
    .getByRole('button', { name: /^Cancel refreshing/ })
    .click();
  await expect(bar).toHaveCount(0);

  // A small one runs to the end.
  await rowOf(page, small.id).getByRole('switch').check();
  await expect(rowOf(page, small.id).getByTestId('click-count')).toHaveText('480', { timeout: 20_000 });
  await expect(rowOf(page, small.id).getByTestId('sync-status')).toContainText('Up to date');

  // Removing asks first, naming what goes.
  await page.getByRole('button', { name: 'Remove…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Fietsenwinkel?' });
  await expect(confirm).toContainText('2 emailings');
  await expect(confirm).toContainText('2 tracked emailings');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.locator('.account-item')).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove…' }).click();
  await confirm.getByRole('button', { name: 'Remove account' }).click();
  await expect(page.locator('.account-item')).toHaveCount(0);
  await expect(
    page.getByRole('heading', { name: 'Add a Copernica account or explore sample data' }),
  ).toBeVisible();

  expect(problems).toEqual([]);
});

test('offline: the cached list stays browsable under one calm banner', async ({ page }, testInfo) => {
  const app = await start(testInfo);
  const problems = watchForProblems(page, { failedRequests: true });
  await page.goto(app.url);
  await addAccountAndFetch(page);
  await rowOf(page, small.id).getByRole('switch').check();
  await expect(rowOf(page, small.id).getByTestId('click-count')).toHaveText('480', { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();

  // The network goes: the next call to Copernica fails, and the window says so once.
  await fake!.close();
  fake = undefined;
  await page.getByRole('button', { name: 'Fetch emailing list' }).click();
  const banner = page.getByRole('status').filter({ hasText: 'will refresh when the network returns' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('Offline — showing cached data; last refreshed');
  await expect(page.getByRole('status').filter({ hasText: /^Offline$/ })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Browsing goes on: search, the cached counts, opening an emailing and coming back.
  await expect(rowOf(page, small.id).getByTestId('click-count')).toHaveText('480');
  await page.getByLabel('Search emailings').fill('april');
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await screenshot(page, 'offline');
  await rowOf(page, small.id).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /Back/ })).toBeVisible();
  await page.getByRole('button', { name: /Back/ }).click();
  await expect(rowOf(page, small.id)).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('sample data, and the settings', async ({ page }, testInfo) => {
  const app = await start(testInfo, { tokenStorageBackend: 'basic_text' });
  const problems = watchForProblems(page, { failedRequests: true });
  await page.goto(app.url);

  await page.getByRole('main').getByRole('button', { name: 'Explore sample data' }).click();
  const demo = page.locator('.account-item').filter({ hasText: 'Demo' });
  await expect(demo).toHaveCount(1, { timeout: 20_000 });
  await expect(demo).toHaveAttribute('aria-current', 'true');
  // The button is gone with the welcome screen: the account's heading has the focus, not <body>.
  await expect(page.locator('#account-title')).toBeFocused();
  await expect(page.locator('tbody tr').first()).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'sample-data');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const minutes = settings.getByLabel('Refresh tracked emailings older than');
  await expect(minutes).toBeEnabled();
  // Linux without a keyring: the settings say so too.
  await expect(settings.getByRole('status').filter({ hasText: /keyring/ })).toBeVisible();
  await screenshot(page, 'settings');
  await minutes.fill('15');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(minutes).toHaveValue('15');
  await page.keyboard.press('Escape');
  await expect(settings).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('keyboard: accounts by arrow keys, dialogs by Escape, rows by Enter', async ({ page }, testInfo) => {
  const app = await start(testInfo);
  await page.goto(app.url);
  await addAccountAndFetch(page);
  await page
    .getByRole('navigation', { name: 'Accounts' })
    .getByRole('button', { name: 'Explore sample data' })
    .click();
  await expect(page.locator('.account-item')).toHaveCount(2, { timeout: 20_000 });

  await page.locator('.account-item').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.account-item').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.locator('.account-item').first()).toHaveAttribute('aria-current', 'true');

  // Escape in the zone list closes the list; the next one closes the dialog.
  await page
    .getByRole('navigation', { name: 'Accounts' })
    .getByRole('button', { name: 'Add account' })
    .click();
  const add = page.getByRole('dialog', { name: 'Add a Copernica account' });
  await add.getByRole('combobox', { name: 'Time zone' }).fill('amst');
  await expect(page.getByRole('listbox', { name: 'Time zones' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Time zones' })).toHaveCount(0);
  await expect(add).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(add).toHaveCount(0);

  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Fietsenwinkel' });
  await expect(edit.getByLabel('New access token')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(edit).toHaveCount(0);

  const rows = page.locator('tbody tr');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /Back/ })).toBeVisible();
});
