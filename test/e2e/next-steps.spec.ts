/**
 * Every screen says what to do next (issue 13, point 6): an emailing without cached clicks
 * offers "Track and fetch clicks" and shows the fetch's progress; an emailing without a subject
 * is still named; a refresh waiting its turn says "Queued" without a moving bar; the active
 * filters and the period are chips with "Clear all"; the period's "To" says it is exclusive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { type Harness, startHarness } from './harness/harness';
import { columnValues, grid, screenshot, watchForProblems } from './helpers/page';

const token = 'next-steps-token-77';
const big = { id: 5201, subject: 'Najaarsactie: 30 % op regenjassen', clicks: 40_000 };
const untitled = { id: 5202, subject: '', clicks: 5_000 };
const other = { id: 5203, subject: 'Winternieuws', clicks: 3_000 };

let folder: string;
let fake: FakeCopernica;
let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'copernica-next-steps-'));
  fake = await createFakeCopernica({
    port: 0,
    tokens: [token],
    // Each page of 1,000 clicks takes a while: long enough to see a refresh run and one wait.
    latencyMs: 200,
    emailings: [
      { ...big, sentAt: '2025-10-01 09:00:00' },
      { ...untitled, sentAt: '2025-10-08 09:00:00' },
      { ...other, sentAt: '2025-10-15 09:00:00' },
    ],
  });
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

const rowOf = (page: Page, id: number) => page.locator(`tr[data-emailing-id="${id}"]`);

async function addAccountAndFetchList(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Accounts' })
    .getByRole('button', { name: 'Add account' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Add a Copernica account' });
  await dialog.getByLabel('Name').fill('Regenjassen B.V.');
  await dialog.getByLabel('Access token').fill(token);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Fetch emailing list' }).first().click();
  await expect(page.locator('tbody tr')).toHaveCount(3);
}

test('an emailing without cached clicks offers "Track and fetch clicks", then shows the fetch', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await addAccountAndFetchList(page);

  // No subject: the list says so, the opened emailing is named by its ID.
  await expect(rowOf(page, untitled.id).locator('.subject-text')).toHaveText('No subject');
  await rowOf(page, untitled.id).click();
  const title = `Emailing ${untitled.id} (no subject)`;
  await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${title.replace(/[()]/g, '\\$&')} – Regenjassen B\\.V\\.`));

  // Not "No clicks cached": what is missing and the one step that fetches it.
  const prompt = page.getByTestId('fetch-prompt');
  await expect(prompt.getByRole('heading', { name: 'No clicks on this computer yet' })).toBeVisible();
  await expect(prompt).toContainText(`Copernica reports ${untitled.clicks.toLocaleString('en-US')} clicks`);
  await expect(page.getByText('No clicks cached')).toHaveCount(0);
  await expect(page.getByRole('tab')).toHaveCount(0);
  await screenshot(page, 'untracked-emailing');

  await prompt.getByRole('button', { name: 'Track and fetch clicks' }).click();
  const bar = prompt.getByRole('progressbar', { name: 'Fetching the clicks' });
  await expect(bar).toBeVisible();
  await expect(prompt.getByTestId('fetch-progress-text')).toContainText(
    `of ${untitled.clicks.toLocaleString('en-US')} clicks`,
  );
  await screenshot(page, 'untracked-emailing-fetching');

  // Once the clicks are in, the views open on their own.
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('cached-clicks')).toContainText(untitled.clicks.toLocaleString('en-US'));
  await expect(prompt).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a refresh waiting for its turn says Queued, with no moving bar', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await expect(page.locator('tbody tr')).toHaveCount(3);
  // One refresh at a time per account: the second waits.
  await rowOf(page, big.id).getByRole('switch').check();
  await expect(rowOf(page, big.id).getByRole('progressbar')).toBeVisible();
  await rowOf(page, other.id).getByRole('switch').check();
  const waiting = rowOf(page, other.id).getByTestId('sync-status');
  await expect(waiting).toContainText('Queued');
  await expect(waiting.getByRole('progressbar')).toHaveCount(0);
  await expect(waiting.locator('.indeterminate')).toHaveCount(0);
  await expect(waiting.getByRole('button', { name: /^Cancel refreshing/ })).toBeVisible();
  await waiting.scrollIntoViewIfNeeded();
  await screenshot(page, 'queued-refresh');
  // Stop both: the next test does not need them.
  await rowOf(page, other.id)
    .getByRole('button', { name: /^Cancel refreshing/ })
    .click();
  await rowOf(page, big.id)
    .getByRole('button', { name: /^Cancel refreshing/ })
    .click();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('the active filters and the period are chips; Clear all clears the period too', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await rowOf(page, untitled.id).click();
  await page.getByRole('tab', { name: 'Clicks' }).click();
  await page.getByLabel('Leave out suspected bots').uncheck();
  const rowCount = page.getByTestId('clicks-row-count');
  const all = `${untitled.clicks.toLocaleString('en-US')} clicks`;
  await expect(rowCount).toHaveText(all);
  const chips = page.getByRole('tabpanel', { name: 'Clicks' }).getByRole('group', { name: 'Active filters' });
  await expect(chips).toHaveCount(0);

  // "To" says that its minute is not part of the period.
  await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(
    'not included: the period ends just before this minute',
  );

  await page.getByRole('button', { name: 'First 24 h' }).click();
  await expect(chips.getByRole('listitem')).toHaveText([
    /^Period: Oct 8, 2025, 9:00 AM to Oct 9, 2025, 9:00 AM \(not included\)/,
  ]);
  const clicks = grid(page, 'Clicks');
  const title = (await columnValues(clicks, 'linkTitle', 8)).find((text) => text.length > 3)!;
  await clicks.locator('input[aria-label="Link title Filter Input"]:not([disabled])').fill(title);
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await expect(chips.getByRole('listitem').nth(1)).toHaveText(`Link title contains “${title}”`);
  await screenshot(page, 'filter-chips');

  // One chip's × removes that filter alone.
  await chips.getByRole('button', { name: 'Remove the Link title filter' }).click();
  await expect(chips.getByRole('listitem')).toHaveCount(1);
  await expect(clicks.locator('input[aria-label="Link title Filter Input"]:not([disabled])')).toHaveValue('');

  // Clear all: the filters and the period, on every view.
  await clicks.locator('input[aria-label="Link title Filter Input"]:not([disabled])').fill(title);
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await chips.getByRole('button', { name: 'Clear all' }).click();
  await expect(chips).toHaveCount(0);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('');
  await expect(rowCount).toHaveText(all);

  // The links view shows the period as a chip too.
  await page.getByRole('button', { name: 'First 7 days' }).click();
  await page.getByRole('tab', { name: 'Links' }).click();
  const linkChips = page
    .getByRole('tabpanel', { name: 'Links' })
    .getByRole('group', { name: 'Active filters' });
  await expect(linkChips.getByRole('listitem')).toHaveText([/^Period: Oct 8, 2025, 9:00 AM to Oct 15, 2025/]);
  await linkChips.getByRole('button', { name: 'Remove the period' }).click();
  await expect(linkChips).toHaveCount(0);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('');
  expect(problems).toEqual([]);
});
