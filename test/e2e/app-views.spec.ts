/**
 * The emailing views end to end: a cache of 20,000 clicks filled by the real CLI from the fake
 * Copernica server, read by the real backend worker, explored in the built renderer: the clicks
 * grid sorted, filtered and narrowed to a period, a column hidden for good, the links, profiles
 * and timeline views, and one profile's drill-down.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Harness } from './harness/harness';
import { springSale, startSeededHarness } from './harness/seedWithCli';
import { openEmailingFromList } from './helpers/openEmailingFromList';
import { watchForProblems, screenshot, grid, columnValues } from './helpers/page';

const token = 'views-test-token';
const emailing = springSale;
const count = new Intl.NumberFormat('en-US');

let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  harness = await startSeededHarness('views', { token, emailings: [emailing] });
});

test.afterAll(() => harness?.close());

async function openEmailing(page: Page): Promise<void> {
  await openEmailingFromList(page, harness, emailing);
  // An emailing opens on its Overview.
  await page.getByRole('tab', { name: 'Clicks' }).click();
  // These checks count every cached click: the bot switch (on by default) would leave some out.
  await page.getByLabel('Leave out suspected bots').uncheck();
}

function rowCount(page: Page, gridId: string): Locator {
  return page.getByTestId(`${gridId}-row-count`);
}

async function sortBy(page: Page, headerName: string, modifiers: Array<'Shift'> = []): Promise<void> {
  await grid(page, 'Clicks')
    .locator('.ag-header-cell', { hasText: headerName })
    .locator('.ag-header-cell-label')
    .click({ modifiers });
}

const headerNames: Record<string, string> = { linkTitle: 'Link title', profile: 'Profile' };

/** The floating filter under a column's header (typing in it applies "contains" or "equals"). */
async function floatingFilter(page: Page, colId: string): Promise<Locator> {
  return grid(page, 'Clicks').locator(
    `input[aria-label="${headerNames[colId]} Filter Input"]:not([disabled])`,
  );
}

const asNumber = (text: string) => Number(text.replace(/[^\d]/g, ''));

/** Non-empty values in order: 1 ascending, -1 descending. */
function isSorted(values: number[], direction: 1 | -1): boolean {
  return (
    values.length > 0 &&
    values.every((v, i) => !Number.isNaN(v) && (i === 0 || direction * (v - values[i - 1]!) >= 0))
  );
}

test('the clicks grid sorts by several columns, on the backend', async ({ page }) => {
  const problems = watchForProblems(page);
  await openEmailing(page);
  const clicks = grid(page, 'Clicks');
  await expect(rowCount(page, 'clicks')).toHaveText(`${count.format(emailing.clicks)} clicks`);
  await expect(page.getByTestId('cached-clicks')).toContainText(count.format(emailing.clicks));
  await screenshot(page, 'clicks-grid');

  // The IDs start hidden: show the link's, as a user who sorts by it would.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Link ID').check();
  await page.keyboard.press('Escape');
  // The grid reloads after a sort: wait for the new order rather than read the old rows.
  const linkIds = async () => (await columnValues(clicks, 'linkId')).map(asNumber);
  await sortBy(page, 'Link ID');
  await expect.poll(async () => isSorted(await linkIds(), 1)).toBe(true);
  const ascending = await linkIds();

  await sortBy(page, 'Link ID');
  await expect
    .poll(async () => isSorted(await linkIds(), -1) && (await linkIds())[0]! > ascending[0]!)
    .toBe(true);

  // Newest first: ties in time are broken by click ID, so the order is the same on every load.
  await sortBy(page, 'Clicked at');
  await sortBy(page, 'Clicked at');
  const instants = async () => (await columnValues(clicks, 'timestamp', 20)).map((text) => Date.parse(text));
  await expect.poll(async () => isSorted(await instants(), -1)).toBe(true);

  // Sorting by text works the same way: IP addresses in text order.
  await sortBy(page, 'IP address');
  await expect
    .poll(async () => {
      const ips = await columnValues(clicks, 'ip');
      return ips.every((ip) => ip !== '') && ips.join('\n') === [...ips].sort().join('\n');
    })
    .toBe(true);

  expect(problems).toEqual([]);
});

test('filters and the period narrow the clicks, and the count follows', async ({ page }) => {
  const problems = watchForProblems(page);
  await openEmailing(page);
  const clicks = grid(page, 'Clicks');
  await expect(rowCount(page, 'clicks')).toHaveText(`${count.format(emailing.clicks)} clicks`);

  // Text filter on the link title.
  const title = (await columnValues(clicks, 'linkTitle')).find((text) => text.length > 3)!;
  await (await floatingFilter(page, 'linkTitle')).fill(title);
  await expect(rowCount(page, 'clicks')).toHaveText(
    new RegExp(`^[\\d,]+ of ${count.format(emailing.clicks)} clicks$`),
  );
  const byTitle = asNumber((await rowCount(page, 'clicks').innerText()).split(' of ')[0]!);
  expect(byTitle).toBeGreaterThan(0);
  expect(byTitle).toBeLessThan(emailing.clicks);
  // The grid reloads after each change: wait for the new rows rather than read the old ones.
  await expect
    .poll(async () => (await columnValues(clicks, 'linkTitle')).every((text) => text.includes(title)))
    .toBe(true);
  await screenshot(page, 'clicks-filtered');

  // Number filter on the profile, on top of it.
  const profile = (await columnValues(clicks, 'profile'))[0]!;
  await (await floatingFilter(page, 'profile')).fill(profile);
  await expect
    .poll(async () => asNumber((await rowCount(page, 'clicks').innerText()).split(' of ')[0]!))
    .toBeLessThan(byTitle);
  await expect
    .poll(async () => (await columnValues(clicks, 'profile')).every((text) => text === profile))
    .toBe(true);

  // Clear all, beside the filters' chips, brings all clicks back.
  await page
    .getByRole('group', { name: 'Active filters' })
    .getByRole('button', { name: 'Clear all' })
    .click();
  await expect(rowCount(page, 'clicks')).toHaveText(`${count.format(emailing.clicks)} clicks`);

  // The period: the first hour after sending (the To time is exclusive).
  await page.getByLabel('To', { exact: true }).fill('2025-03-04T10:00');
  await expect(rowCount(page, 'clicks')).toHaveText(
    new RegExp(`^[\\d,]+ of ${count.format(emailing.clicks)} clicks$`),
  );
  const inHour = asNumber((await rowCount(page, 'clicks').innerText()).split(' of ')[0]!);
  expect(inHour).toBeGreaterThan(0);
  expect(inHour).toBeLessThan(emailing.clicks);
  await sortBy(page, 'Clicked at');
  await sortBy(page, 'Clicked at');
  await expect
    .poll(async () => Date.parse((await columnValues(clicks, 'timestamp', 1))[0] ?? ''))
    .toBeLessThan(Date.parse('Mar 4, 2025, 10:00:00 AM'));
  // Newest first within the hour: the first row is the latest click before 10:00.
  await expect
    .poll(async () => Date.parse((await columnValues(clicks, 'timestamp', 1))[0] ?? ''))
    .toBeGreaterThan(Date.parse('Mar 4, 2025, 9:30:00 AM'));

  // A filter nothing matches says so, and offers the way back.
  await (await floatingFilter(page, 'linkTitle')).fill('no link is called this');
  await expect(clicks.getByText('No clicks match this filter.')).toBeVisible();
  await expect(rowCount(page, 'clicks')).toHaveText(`0 of ${count.format(emailing.clicks)} clicks`);
  await clicks.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rowCount(page, 'clicks')).toHaveText(`${count.format(emailing.clicks)} clicks`);
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('');

  // The presets set the period from the send time.
  await page.getByRole('button', { name: 'First 24 h' }).click();
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('2025-03-04T09:00');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('2025-03-05T09:00');
  await page.getByRole('button', { name: 'Whole emailing' }).click();
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('');

  expect(problems).toEqual([]);
});

test('a block that fails to load says so, and Retry loads it', async ({ page }) => {
  const channel = `**/__harness/invoke/${encodeURIComponent('api:getClicksBlock')}`;
  await page.route(channel, (route) =>
    route.fulfill({
      json: { ok: false, error: { code: 'io_error', message: 'The cache file could not be read.' } },
    }),
  );
  await openEmailing(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Some rows could not be loaded.');
  await expect(alert).toContainText('The cache file could not be read.');
  await page.unroute(channel);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(rowCount(page, 'clicks')).toHaveText(`${count.format(emailing.clicks)} clicks`);
});

test('the links, profiles and timeline views', async ({ page }) => {
  const problems = watchForProblems(page);
  await openEmailing(page);

  await page.getByRole('tab', { name: 'Links' }).click();
  const links = grid(page, 'Links');
  await expect(rowCount(page, 'links')).toContainText(`links · ${count.format(emailing.clicks)} clicks`);
  const linkClicks = (await columnValues(links, 'clicks', 40)).map(asNumber);
  expect(linkClicks.length).toBeGreaterThan(3);
  expect(linkClicks).toEqual([...linkClicks].sort((a, b) => b - a));
  // Each link's share is its clicks over the emailing's.
  const share = new Intl.NumberFormat('en-US', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  expect((await columnValues(links, 'share', 1))[0]).toBe(share.format(linkClicks[0]! / emailing.clicks));
  await expect(links.locator('.share-fill').first()).toBeVisible();
  await screenshot(page, 'links');

  await page.getByRole('tab', { name: 'Profiles' }).click();
  const profiles = grid(page, 'Profiles');
  await expect(rowCount(page, 'profiles')).toHaveText(/^[\d,]+ profiles$/);
  const profileCount = asNumber(await rowCount(page, 'profiles').innerText());
  expect(profileCount).toBeGreaterThan(100);
  // Most clicks first.
  await profiles.locator('.ag-header-cell', { hasText: 'Clicks' }).locator('.ag-header-cell-label').click();
  await profiles.locator('.ag-header-cell', { hasText: 'Clicks' }).locator('.ag-header-cell-label').click();
  const perProfile = (await columnValues(profiles, 'clicks')).map(asNumber);
  expect(perProfile).toEqual([...perProfile].sort((a, b) => b - a));
  await screenshot(page, 'profiles');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByTestId('timeline-summary')).toContainText(`${count.format(emailing.clicks)} clicks`);
  await expect(page.getByRole('img', { name: 'Clicks per hour' })).toBeVisible();
  await page.getByRole('button', { name: 'Per day' }).click();
  await expect(page.getByRole('img', { name: 'Clicks per day' })).toBeVisible();
  await page.getByRole('button', { name: 'Per hour' }).click();
  await expect(page.getByRole('img', { name: 'Clicks per hour' })).toBeVisible();

  // With a filter on the clicks grid, the timeline shows the matching clicks beside all of them.
  await page.getByRole('tab', { name: 'Clicks' }).click();
  const title = (await columnValues(grid(page, 'Clicks'), 'linkTitle')).find((text) => text.length > 3)!;
  await (await floatingFilter(page, 'linkTitle')).fill(title);
  await expect(rowCount(page, 'clicks')).toContainText(' of ');
  const matching = (await rowCount(page, 'clicks').innerText()).split(' of ')[0]!;
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByTestId('timeline-summary')).toContainText(
    `${matching} of ${count.format(emailing.clicks)} clicks match the clicks filter`,
  );
  await screenshot(page, 'timeline');

  expect(problems).toEqual([]);
});

test('a profile cell opens the profile, from the mouse and from Enter; Escape closes it', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await openEmailing(page);
  const clicks = grid(page, 'Clicks');
  const profile = (await columnValues(clicks, 'profile'))[0]!;

  await clicks.locator('.ag-row[row-index="0"] [col-id="profile"] button').click();
  const panel = page.getByRole('dialog', { name: new RegExp(profile) });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: /^Clicks/ })).toBeVisible();
  await expect(panel.locator('.profile-clicks li').first()).toBeVisible();
  await expect(panel.getByRole('img', { name: "This profile's clicks per day" })).toBeVisible();
  await screenshot(page, 'profile-drilldown');

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // The keyboard way: focus the cell, Enter.
  // Profile is the second column: two to the left of Link.
  await clicks.locator('.ag-row[row-index="1"] [col-id="link"]').click();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.ag-cell-focus')).toHaveAttribute('col-id', 'profile');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // And from the profiles view.
  await page.getByRole('tab', { name: 'Profiles' }).click();
  const first = grid(page, 'Profiles').locator('.ag-row[row-index="0"] [col-id="profile"] button');
  const id = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole('dialog', { name: new RegExp(id) })).toBeVisible();

  expect(problems).toEqual([]);
});

test('a hidden column stays hidden after a reload', async ({ page }) => {
  await openEmailing(page);
  const stored = await page.evaluate(() =>
    (
      globalThis as unknown as { api: { getGridState(input: unknown): Promise<{ ok: boolean }> } }
    ).api.getGridState({
      gridId: 'clicks',
    }),
  );
  // Grid state is kept by main (electron-store); the harness answers it like the app does.
  expect(stored.ok).toBe(true);

  const clicks = grid(page, 'Clicks');
  await expect(clicks.locator('.ag-header-cell:not(.ag-floating-filter)[col-id="userAgent"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('User agent').uncheck();
  await expect(clicks.locator('.ag-header-cell:not(.ag-floating-filter)[col-id="userAgent"]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Visible columns' })).toHaveCount(0);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const api = (globalThis as unknown as { api: { getGridState(input: unknown): Promise<unknown> } })
          .api;
        return JSON.stringify(await api.getGridState({ gridId: 'clicks' }));
      }),
    )
    .toContain('"colId":"userAgent","width":260,"hide":true');

  await page.reload();
  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  await page.getByRole('tab', { name: 'Clicks' }).click();
  await page.getByLabel('Leave out suspected bots').uncheck();
  await expect(rowCount(page, 'clicks')).toHaveText(`${count.format(emailing.clicks)} clicks`);
  await expect(clicks.locator('.ag-header-cell:not(.ag-floating-filter)[col-id="linkTitle"]')).toHaveCount(1);
  await expect(clicks.locator('.ag-header-cell:not(.ag-floating-filter)[col-id="userAgent"]')).toHaveCount(0);

  // Put it back for whoever opens this cache next.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('button', { name: 'Reset columns' }).click();
  await expect(clicks.locator('.ag-header-cell:not(.ag-floating-filter)[col-id="userAgent"]')).toHaveCount(1);
});

test('the dark theme follows the system setting', async ({ page }) => {
  const problems = watchForProblems(page);
  await openEmailing(page);
  await expect(rowCount(page, 'clicks')).toHaveText(`${count.format(emailing.clicks)} clicks`);
  // The row that opened the emailing leaves the mouse over a cell: move it off, so no tooltip shows.
  await page.mouse.move(640, 10);
  await expect(page.locator('.ag-tooltip')).toHaveCount(0);
  const views = page.locator('.detail-views');
  const clicksGrid = grid(page, 'Clicks').locator('.ag-root-wrapper');
  // The light theme's surface, as it looked before the tokens.
  const light = 'rgb(255, 255, 255)';
  await expect(views).toHaveCSS('background-color', light);
  await expect(clicksGrid).toHaveCSS('background-color', light);

  await page.emulateMedia({ colorScheme: 'dark' });
  // styles/tokens.css: the dark --surface, on the app's panels and on the grid alike.
  await expect(views).not.toHaveCSS('background-color', light);
  await expect(views).toHaveCSS('background-color', 'rgb(24, 28, 36)');
  await expect(clicksGrid).toHaveCSS('background-color', 'rgb(24, 28, 36)');
  await expect(page.locator('body')).toHaveCSS('color', 'rgb(228, 231, 238)');
  await screenshot(page, 'dark-emailing');

  // Back to the system's light setting: the page follows again.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(views).toHaveCSS('background-color', light);
  expect(problems).toEqual([]);
});
