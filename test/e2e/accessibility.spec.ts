/**
 * Every screen of the app checked with axe-core (helpers/axe.ts), in the light and in the dark
 * theme: no serious or critical violation (contrast, names, roles, focusable parts). The walk
 * covers the first run, the dialogs, an emailing's four views, a profile's drill-down and the
 * export menu.
 */
import { expect, type Page, test } from '@playwright/test';
import type { Harness } from './harness/harness';
import { startSeededHarness } from './harness/seedWithCli';
import { seriousViolations } from './helpers/axe';
import { grid, screenshot } from './helpers/page';

const token = 'a11y-test-token';
const emailing = { id: 4301, subject: 'Herfstactie', sentAt: '2025-09-01 09:00:00', clicks: 800 };

let empty: Harness;
let seeded: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  empty = await startSeededHarness('a11y-empty', null);
  seeded = await startSeededHarness('a11y', { token, emailings: [emailing] });
});

test.afterAll(async () => {
  await empty?.close();
  await seeded?.close();
});

/** Checks the screen as it is; `screen` names it in the failure. */
async function check(page: Page, screen: string, found: Record<string, unknown>): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) found[screen] = violations;
}

for (const theme of ['light', 'dark'] as const) {
  test(`the first run and its dialogs (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const found: Record<string, unknown> = {};
    await page.goto(empty.url);
    await expect(page.getByRole('heading', { name: /Add a Copernica account/ })).toBeVisible();
    await check(page, 'welcome', found);
    await page.getByRole('main').getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check(page, 'add account', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await check(page, 'settings', found);
    await page.keyboard.press('Escape');
    empty.chooseMenuItem('tokenHelp');
    await expect(page.getByRole('dialog', { name: 'Where to find an API token' })).toBeVisible();
    await check(page, 'token help', found);
    await page.keyboard.press('Escape');
    empty.chooseMenuItem('about');
    await expect(page.getByRole('dialog', { name: 'About Copernica Clicks' })).toBeVisible();
    await check(page, 'about', found);
    expect(found).toEqual({});
  });

  test(`an account, an emailing's views, a profile and the export menu (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const found: Record<string, unknown> = {};
    await page.goto(seeded.url);
    const row = page.locator(`tr[data-emailing-id="${emailing.id}"]`);
    await expect(row).toBeVisible();
    await check(page, 'emailing list', found);
    await row.click();
    await expect(page.getByTestId('key-figures')).toBeVisible();
    await check(page, 'overview', found);
    await page.getByRole('tab', { name: 'Clicks' }).click();
    const clicks = grid(page, 'Clicks');
    await expect(clicks.locator('.ag-row').first()).toBeVisible();
    await check(page, 'clicks', found);
    for (const view of ['Links', 'Profiles', 'Timeline', 'Devices']) {
      await page.getByRole('tab', { name: view }).click();
      await expect(page.getByRole('tabpanel', { name: view })).toBeVisible();
      // The view's data, not its loading state.
      await expect(page.getByRole('tabpanel', { name: view }).locator('[role="status"].loading')).toHaveCount(
        0,
      );
      await check(page, view.toLowerCase(), found);
    }
    if (theme === 'dark') await screenshot(page, 'dark-timeline');
    await page.getByRole('tab', { name: 'Clicks' }).click();
    await clicks.locator('.ag-row[row-index="0"] [col-id="profile"] button').click();
    await expect(page.locator('.profile-clicks li').first()).toBeVisible();
    await check(page, 'profile drill-down', found);
    await page.keyboard.press('Escape');
    await page.locator('.tab-panel:not([hidden]) .export-menu > button').click();
    await check(page, 'export menu', found);
    if (theme === 'dark') await screenshot(page, 'dark-emailing');
    expect(found).toEqual({});
  });
}
