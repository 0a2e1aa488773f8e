/**
 * A Marketing Suite emailing end to end: a REST v4 account added through the dialog (its token
 * exchanged for a JWT by the fake's authentication endpoint), the list holding Publisher and
 * Marketing Suite emailings of the same ID apart, the product filter, tracking and syncing the
 * Marketing Suite one, and browsing it: its clicks have no link ID, title or referer, which show
 * empty, and its links are told apart by URL.
 */
import { expect, test, type Page } from '@playwright/test';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { startHarness, type Harness } from './harness/harness';
import { columnValues, grid, screenshot, watchForProblems } from './helpers/page';

const token = 'ms-v4-token-9090';
const publisher = {
  id: 6101,
  subject: 'Nieuwsbrief mei (Publisher)',
  sentAt: '2025-05-01 09:00:00',
  clicks: 300,
};
const ms = {
  id: 6101,
  subject: 'Welkomstreeks – drag & drop',
  sentAt: '2025-05-06 10:00:00',
  clicks: 2_400,
  destinations: 7_000,
};

let fake: FakeCopernica | undefined;
let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await fake?.close();
  fake = undefined;
});

function rowOf(page: Page, product: 'publisher' | 'ms') {
  return page.locator(`tr[data-emailing-id="${ms.id}"][data-product="${product}"]`);
}

test('a v4 account tracks and browses a Marketing Suite emailing beside a Publisher one of the same ID', async ({
  page,
}, testInfo) => {
  fake = await createFakeCopernica({ port: 0, tokens: [token], emailings: [publisher], msEmailings: [ms] });
  harness = await startHarness({
    databasePath: testInfo.outputPath('cache.db'),
    copernicaOrigin: new URL(fake.url).origin,
  });
  const problems = watchForProblems(page, { failedRequests: true });
  await page.goto(harness.url);

  await page
    .getByRole('navigation', { name: 'Accounts' })
    .getByRole('button', { name: 'Add account' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Add a Copernica account' });
  await dialog.getByLabel('Name').fill('Webwinkel');
  await dialog.getByLabel('Access token').fill(token);
  await dialog.getByRole('radio', { name: 'REST v4' }).check();
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Fetch emailing list' }).first().click();
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await expect(rowOf(page, 'ms')).toContainText('Marketing Suite');
  await expect(rowOf(page, 'ms')).toContainText(ms.subject);
  await expect(rowOf(page, 'publisher')).toContainText('Publisher');

  // The filter shows one product's emailings.
  const filter = page.getByRole('group', { name: 'Product' });
  await filter.getByRole('button', { name: 'Marketing Suite' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(rowOf(page, 'ms')).toBeVisible();
  await filter.getByRole('button', { name: 'Publisher' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(rowOf(page, 'publisher')).toBeVisible();
  await filter.getByRole('button', { name: 'All' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await screenshot(page, 'marketing-suite-list');

  await rowOf(page, 'ms').getByRole('switch').check();
  await expect(rowOf(page, 'ms').getByTestId('click-count')).toHaveText('2,400', { timeout: 20_000 });
  await expect(rowOf(page, 'ms').getByTestId('sync-status')).toContainText('Up to date');
  await expect(rowOf(page, 'publisher').getByTestId('click-count')).toHaveText('0');

  await rowOf(page, 'ms').click();
  await expect(page.getByRole('heading', { name: ms.subject })).toBeVisible();
  await expect(page.locator('.detail-meta')).toContainText('Marketing Suite');
  // Its key figures come from Marketing Suite's statistics call.
  const figures = page.getByTestId('key-figures');
  await expect(figures.locator('.key-figure', { hasText: 'Destinations' })).toContainText('7,000');
  await expect(page.getByTestId('cache-clicks')).toHaveText('2,400');
  await screenshot(page, 'marketing-suite-overview');
  await page.getByRole('tab', { name: 'Clicks' }).click();
  const clicks = grid(page, 'Clicks');
  // These checks count every cached click: the bot switch (on by default) would leave some out.
  await page.getByLabel('Leave out suspected bots').uncheck();
  await expect(page.getByTestId('clicks-row-count')).toHaveText('2,400 clicks');
  // No link ID, title or referer in Marketing Suite: empty cells, not errors.
  expect(new Set(await columnValues(clicks, 'linkTitle'))).toEqual(new Set(['']));
  expect(new Set(await columnValues(clicks, 'referer'))).toEqual(new Set(['']));
  expect((await columnValues(clicks, 'link')).every((link) => link.length > 0)).toBe(true);
  await screenshot(page, 'marketing-suite');

  // The drill-down names the product of each click's emailing: "6101" alone is two emailings here.
  const profile = (await columnValues(clicks, 'profile'))[0]!;
  await clicks.locator('.ag-row[row-index="0"] [col-id="profile"] button').click();
  const panel = page.getByRole('dialog', { name: new RegExp(profile) });
  await expect(panel.locator('.profile-clicks li').first()).toBeVisible();
  const emailingOfClick = panel.locator('.profile-clicks li .click-emailing').first();
  await expect(emailingOfClick.locator('.badge')).toHaveText('Marketing Suite');
  await expect(emailingOfClick).toContainText(ms.subject);
  await screenshot(page, 'marketing-suite-drilldown');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  await page.getByRole('tab', { name: 'Links' }).click();
  await expect(page.getByTestId('links-row-count')).toContainText('links · 2,400 clicks');
  await page.getByRole('tab', { name: 'Profiles' }).click();
  await expect(page.getByTestId('profiles-row-count')).toHaveText(/^[\d,]+ profiles$/);

  // v4: a bearer JWT on every API request, and the access token in no URL.
  const requests = fake.requests;
  expect(requests.some((r) => r.path === '/authenticate')).toBe(true);
  for (const r of requests) expect(`${r.path}?${r.query.toString()}`).not.toContain(token);
  expect(
    requests.filter((r) => r.path.startsWith('/v4/')).every((r) => r.authorization?.startsWith('Bearer ')),
  ).toBe(true);
  expect(problems).toEqual([]);
});
