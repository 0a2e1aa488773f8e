/**
 * Nothing cut off at the window sizes a laptop gives (issue 13, point 1): at 900×600 (a
 * 1366×768 screen at 150 %), 1024×700 and 1280×720 the page never scrolls sideways, the header's
 * and the emailing's buttons are inside the window, and below about 1200 px the accounts sidebar
 * is an icon rail that still names each account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type Harness, startHarness } from './harness/harness';
import { seedWithCli } from './harness/seedWithCli';
import { grid, screenshot, watchForProblems } from './helpers/page';

const token = 'window-sizes-token';
const emailing = { id: 4701, subject: 'Najaarscollectie 2025', sentAt: '2025-09-01 09:00:00', clicks: 1_200 };

let folder: string;
let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'copernica-sizes-'));
  const databasePath = join(folder, 'cache.db');
  await seedWithCli(databasePath, token, [emailing]);
  harness = await startHarness({ databasePath });
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The page itself never scrolls sideways: whatever does not fit scrolls inside its own box. */
async function pageWidthFits(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
      .document.documentElement;
    return root.scrollWidth <= (globalThis as unknown as { innerWidth: number }).innerWidth;
  });
}

async function wholeInWindow(page: Page, locator: Locator): Promise<void> {
  const box = (await locator.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.x, await locator.innerText()).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, await locator.innerText()).toBeLessThanOrEqual(width);
  expect(box.y + box.height).toBeLessThanOrEqual(height);
}

for (const [width, height, name] of [
  [900, 600, 'narrow-900'],
  [1024, 700, 'laptop-1024'],
  [1280, 720, 'laptop-1280'],
] as const) {
  test(`${width}×${height}: nothing is cut off`, async ({ page }) => {
    const problems = watchForProblems(page);
    await page.setViewportSize({ width, height });
    await page.goto(harness.url);
    await expect(page.locator(`tr[data-emailing-id="${emailing.id}"]`)).toBeVisible();
    expect(await pageWidthFits(page)).toBe(true);
    await wholeInWindow(page, page.getByRole('button', { name: 'Settings' }));
    await wholeInWindow(page, page.getByRole('button', { name: 'Refresh all tracked' }));
    // The product filter is never squeezed below its words.
    const products = (await page.getByRole('group', { name: 'Product' }).boundingBox())!;
    const marketingSuite = (await page.getByRole('button', { name: 'Marketing Suite' }).boundingBox())!;
    expect(marketingSuite.x + marketingSuite.width).toBeLessThanOrEqual(products.x + products.width + 0.5);

    const sidebar = page.getByRole('navigation', { name: 'Accounts' });
    const sidebarWidth = (await sidebar.boundingBox())!.width;
    if (width < 1200) expect(sidebarWidth).toBeLessThanOrEqual(72);
    else expect(sidebarWidth).toBeGreaterThan(200);
    // In the rail as beside it: each account is named, and Add account is a button of that name.
    await expect(sidebar.getByRole('button', { name: /^Development/ })).toBeVisible();
    await wholeInWindow(page, sidebar.getByRole('button', { name: 'Add account' }));
    if (width === 1024) await screenshot(page, name);

    await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
    await page.getByRole('tab', { name: 'Clicks' }).click();
    await expect(grid(page, 'Clicks').locator('.ag-row[row-index="0"]')).toBeVisible();
    expect(await pageWidthFits(page)).toBe(true);
    await wholeInWindow(page, page.getByRole('button', { name: 'Client report' }));
    const clicks = page.getByRole('tabpanel', { name: 'Clicks' });
    await wholeInWindow(page, clicks.getByRole('button', { name: 'Export', exact: true }));
    await wholeInWindow(page, clicks.getByRole('button', { name: 'Columns' }));
    await wholeInWindow(page, page.getByRole('tab', { name: 'Devices' }));
    await wholeInWindow(page, page.getByLabel('To', { exact: true }));
    // Rows to work with, not just controls: at least five rows of the grid in view.
    const body = (await grid(page, 'Clicks').boundingBox())!;
    expect(body.y + 5 * 34).toBeLessThan(height);
    if (width !== 1024) await screenshot(page, name);
    expect(problems).toEqual([]);
  });
}
