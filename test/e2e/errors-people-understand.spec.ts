/**
 * Errors a person understands (issue 13, point 7): the Add-account form says each problem at
 * its field (aria-invalid, the focus on the first) and never a method or contract name; a failed
 * refresh says in the Status cell what happened and what to do, with Retry, and Copernica's
 * full answer behind Details.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { type Harness, startHarness } from './harness/harness';
import { screenshot, watchForProblems } from './helpers/page';

const token = 'errors-token-5301';
const emailing = { id: 5301, subject: 'Lentekriebels', sentAt: '2025-04-01 09:00:00', clicks: 800 };

let folder: string;
let fake: FakeCopernica;
let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'copernica-errors-'));
  fake = await createFakeCopernica({ port: 0, tokens: [token], emailings: [emailing] });
  harness = await startHarness({
    databasePath: join(folder, 'cache.db'),
    copernicaOrigin: new URL(fake.url).origin,
  });
});

test.afterAll(async () => {
  await harness?.close();
  await fake?.close();
  rmSync(folder, { recursive: true, force: true });
});

function openAddAccount(page: Page) {
  return page
    .getByRole('navigation', { name: 'Accounts' })
    .getByRole('button', { name: 'Add account' })
    .click();
}

test('the Add-account form says each problem at its field, and never a method name', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await openAddAccount(page);
  const dialog = page.getByRole('dialog', { name: 'Add a Copernica account' });
  const name = dialog.getByLabel('Name');
  const tokenField = dialog.getByLabel('Access token');

  // Empty: both fields marked, each with its own sentence, the focus on the first.
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Give the account a name.');
  await expect(tokenField).toHaveAttribute('aria-invalid', 'true');
  await expect(tokenField).toHaveAccessibleDescription(/^Paste the access token of this account/);
  await expect(name).toBeFocused();
  await expect(dialog).not.toContainText(/Invalid input|addAccount|label:|token:/);
  await screenshot(page, 'error-add-account');

  // A name, no token: the name is fine now, the focus goes to the token.
  await name.fill('Fietsenwinkel');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(tokenField).toBeFocused();
  await expect(tokenField).toHaveAttribute('aria-invalid', 'true');
  await tokenField.fill('abc');
  await expect(tokenField).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(tokenField).toHaveAccessibleDescription(/^That access token is too short/);
  await expect(dialog).not.toContainText(/Invalid input|addAccount/);

  // A good token goes through.
  await tokenField.fill(token);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a failed refresh says what happened and what to do, with Retry and the details', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Fetch emailing list' }).first().click();
  const row = page.locator(`tr[data-emailing-id="${emailing.id}"]`);
  await row.getByRole('switch').check();
  const status = row.getByTestId('sync-status');
  await expect(status).toContainText('Up to date', { timeout: 20_000 });

  // Copernica refuses the next requests for this emailing.
  const answer = 'No access to this emailing for this token';
  fake.inject({ kind: 'json400', path: new RegExp(`/emailing/${emailing.id}/`), message: answer, times: 50 });
  await row.getByRole('button', { name: `Refresh ${emailing.subject}` }).click();
  await expect(status.locator('.status-error')).toHaveText('Copernica refused the request.');
  await expect(status).toContainText('then retry');
  // The raw text is not squeezed into the cell: it is behind Details.
  await expect(status).not.toContainText(answer);
  // The Status column is the table's last: scrolled into view, as a user would.
  await status.scrollIntoViewIfNeeded();
  await status.getByRole('button', { name: 'Details' }).click();
  const details = status.getByRole('note', { name: 'What went wrong' });
  await expect(details).toContainText(answer);
  await expect(details).toContainText(`/emailing/${emailing.id}/`);
  await expect(details).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'sync-error');
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(status.getByRole('button', { name: 'Details' })).toBeFocused();

  // Fixed on Copernica's side: Retry refreshes, and the error goes.
  fake.clearFaults();
  await status.getByRole('button', { name: `Retry refreshing ${emailing.subject}` }).click();
  await expect(status).toContainText('Up to date', { timeout: 20_000 });
  await expect(status.locator('.status-error')).toHaveCount(0);
  expect(problems).toEqual([]);
});
