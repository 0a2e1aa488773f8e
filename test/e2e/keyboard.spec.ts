/**
 * The keyboard alone: a grid is one Tab stop (arrow keys inside it), a skip link leads past the
 * sidebar, and focus lands on the heading of each new screen.
 */
import { expect, type Page, test } from '@playwright/test';
import type { Harness } from './harness/harness';
import { startSeededHarness } from './harness/seedWithCli';
import { type DomNode, grid, screenshot, watchForProblems } from './helpers/page';

const token = 'keyboard-test-token';
const emailing = { id: 4401, subject: 'Winteractie', sentAt: '2025-12-01 09:00:00', clicks: 600 };

let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  harness = await startSeededHarness('keyboard', { token, emailings: [emailing] });
});

test.afterAll(() => harness?.close());

const inGrid = '[role="region"][aria-label="Clicks"]';
/** Whether the focused element is inside `selector` (Playwright's :focus-within, read once). */
const focusedInside = async (page: Page, selector: string) =>
  (await page.locator(`${selector}:focus-within`).count()) > 0;

test('Tab enters a grid once and leaves it with the next press; arrows move inside', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  // An emailing opens on its Overview.
  await page.getByRole('tab', { name: 'Clicks' }).click();
  const clicks = grid(page, 'Clicks');
  await expect(clicks.locator('.ag-row').first()).toBeVisible();
  await clicks.locator('.ag-row[row-index="0"] .ag-cell').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(clicks.locator('.ag-row[row-index="1"] .ag-cell-focus')).toHaveCount(1);
  await screenshot(page, 'keyboard-focus');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusedInside(page, inGrid)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInside(page, inGrid)).toBe(true);
  // Coming back from below, AG Grid focuses a cell of the last row and loads the block it lands
  // in: the next key is for that cell once it is focused and its block is loaded, as a person's is.
  await expect(page.locator(`${inGrid} [role="gridcell"]:focus`)).toHaveCount(1);
  await expect(clicks.locator('.ag-skeleton-container, .ag-loading')).toHaveCount(0);
  await page.waitForTimeout(250);
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInside(page, inGrid)).toBe(false);
  expect(problems).toEqual([]);
});

test('each filter button is named by its column, in the Clicks and the Links grid', async ({ page }) => {
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  for (const view of ['Clicks', 'Links']) {
    await page.getByRole('tab', { name: view }).click();
    const region = grid(page, view);
    await expect(region.locator('.ag-row').first()).toBeVisible();
    const buttons = region.locator('.ag-floating-filter-button-button');
    await expect.poll(() => buttons.count()).toBeGreaterThan(2);
    // AG Grid's own name for every one of them is "Open Filter Menu".
    await expect(region.getByRole('button', { name: 'Open Filter Menu' })).toHaveCount(0);
    const names = await buttons.evaluateAll((all) =>
      (all as unknown as DomNode[]).map((b) => b.getAttribute('aria-label')),
    );
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^Filter \S/);
  }
  await expect(grid(page, 'Links').getByRole('button', { name: 'Filter Clicks' })).toHaveCount(1);
});

test('the first Tab offers to skip to the content; then focus lands on the heading of each new screen', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  const row = page.locator(`tr[data-emailing-id="${emailing.id}"]`);
  await expect(row).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();

  await row.focus();
  await page.keyboard.press('Enter');
  // The row is gone with the list; the emailing's heading has the focus, not <body>.
  await expect(page.getByRole('heading', { name: emailing.subject })).toBeFocused();
  expect(problems).toEqual([]);
});
