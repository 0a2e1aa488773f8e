/**
 * The application menu and its shortcuts, end to end: main's real menu template clicked through
 * the harness (as Electron would on a click), and the same commands typed on the keyboard in
 * the browser. The window title follows the screen.
 */
import { expect, type Page, test } from '@playwright/test';
import type { Harness } from './harness/harness';
import { startSeededHarness } from './harness/seedWithCli';
import { screenshot, watchForProblems } from './helpers/page';

const token = 'menu-test-token';
const emailing = { id: 4201, subject: 'Zomeractie', sentAt: '2025-06-02 09:00:00', clicks: 500 };

let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  harness = await startSeededHarness('menu', { token, emailings: [emailing] });
});

test.afterAll(() => harness?.close());

const primary = process.platform === 'darwin' ? 'Meta' : 'Control';

async function openApp(page: Page): Promise<void> {
  await page.goto(harness.url);
  await expect(page.locator(`tr[data-emailing-id="${emailing.id}"]`)).toBeVisible();
  await expect.poll(() => harness.eventListeners).toBeGreaterThan(0);
}

test('the keyboard: views on Ctrl/Cmd+1…5, Back, Find and Settings, and the title names the screen', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await openApp(page);
  await expect(page).toHaveTitle(/ — Copernica Clicks$/);
  // Find in the list: the search box.
  await page.keyboard.press(`${primary}+f`);
  await expect(page.getByRole('searchbox', { name: 'Search emailings' })).toBeFocused();
  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  await expect(page.getByRole('heading', { name: emailing.subject })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${emailing.subject} – .+ — Copernica Clicks$`));

  await page.keyboard.press(`${primary}+3`);
  await expect(page.getByRole('tab', { name: 'Links' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press(`${primary}+5`);
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press(`${primary}+1`);
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press(`${primary}+2`);
  await expect(page.getByRole('tab', { name: 'Clicks' })).toHaveAttribute('aria-selected', 'true');
  // Find in a grid: its first filter box.
  await page.keyboard.press(`${primary}+f`);
  // (Clicked at comes first: its date filter's text box is a read-only display, skipped.)
  await expect(
    page.locator('.tab-panel:not([hidden]) .ag-floating-filter input:not([disabled])').first(),
  ).toBeFocused();

  // Settings open on Ctrl/Cmd+, and the screen behind a dialog takes no shortcut.
  await page.keyboard.press(`${primary}+,`);
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await page.keyboard.press(`${primary}+3`);
  await expect(page.getByRole('tab', { name: 'Clicks' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+BracketLeft' : 'Alt+ArrowLeft');
  await expect(page.locator(`tr[data-emailing-id="${emailing.id}"]`)).toBeVisible();
  expect(problems).toEqual([]);
});

test('the menu: File, View, Go and Help items act on the window', async ({ page }) => {
  const problems = watchForProblems(page);
  await openApp(page);
  harness.chooseMenuItem('addAccount');
  const add = page.getByRole('dialog', { name: /account/i });
  await expect(add).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();

  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  harness.chooseMenuItem('view4');
  await expect(page.getByRole('tab', { name: 'Profiles' })).toHaveAttribute('aria-selected', 'true');
  harness.chooseMenuItem('exportView');
  await expect(page.locator('.tab-panel:not([hidden]) .export-menu [aria-expanded="true"]')).toBeVisible();
  await page.keyboard.press('Escape');

  harness.chooseMenuItem('toggleSidebar');
  await expect(page.getByRole('navigation')).toHaveCount(0);
  harness.chooseMenuItem('toggleSidebar');

  harness.chooseMenuItem('back');
  await expect(page.locator(`tr[data-emailing-id="${emailing.id}"]`)).toBeVisible();

  harness.chooseMenuItem('tokenHelp');
  const help = page.getByRole('dialog', { name: 'Where to find an API token' });
  await expect(help).toBeVisible();
  await screenshot(page, 'menu');
  await help.getByRole('button', { name: /access tokens page/ }).click();
  await expect
    .poll(() => harness.openedExternally.at(-1))
    .toBe('https://ms.copernica.com/#/admin/account/access-tokens');
  await page.keyboard.press('Escape');

  harness.chooseMenuItem('about');
  await expect(page.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
  expect(problems).toEqual([]);
});
