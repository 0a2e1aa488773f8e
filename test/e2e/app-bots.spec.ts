/**
 * Suspected bots and devices end to end: an emailing of the fake's mixed mode (people and
 * scanners) synced by the real CLI, opened in the built renderer. The switch "Leave out
 * suspected bots" is on: the clicks grid counts the people only, says how many it left out, and
 * shows them with one click; the Verdict column names the reasons. The Devices view breaks the
 * clicks down by device type, OS and client.
 */
import { expect, type Page, test } from '@playwright/test';
import { openDatabase } from '../../src/backend/db/open';
import type { Harness } from './harness/harness';
import { startSeededHarness } from './harness/seedWithCli';
import { openEmailingFromList } from './helpers/openEmailingFromList';
import { screenshot, watchForProblems } from './helpers/page';

const token = 'bots-test-token';
const emailing = {
  id: 4201,
  subject: 'Nieuwsbrief april: mensen en scanners',
  sentAt: '2025-04-01 09:00:00',
  clicks: 6000,
  mixed: {},
};

let harness: Harness;
let flagged: number;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  harness = await startSeededHarness('bots', {
    token,
    emailings: [emailing],
    inspect(databasePath) {
      const db = openDatabase(databasePath, { readonly: true });
      try {
        flagged = db.prepare('SELECT COUNT(*) FROM bot_clicks').pluck().get() as number;
      } finally {
        db.close();
      }
    },
  });
});

test.afterAll(() => harness?.close());

const count = new Intl.NumberFormat('en-US');

async function openTab(page: Page, name: string): Promise<void> {
  await openEmailingFromList(page, harness, emailing);
  await page.getByRole('tab', { name }).click();
}

test('the clicks grid leaves the suspected bots out, says how many, and shows them with one click', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await openTab(page, 'Clicks');
  expect(flagged).toBeGreaterThan(500);
  await expect(page.getByLabel('Leave out suspected bots')).toBeChecked();
  await expect(page.getByTestId('bots-left-out')).toContainText(
    `${count.format(flagged)} suspected bot clicks left out`,
  );
  await expect(page.getByTestId('clicks-row-count')).toContainText(count.format(emailing.clicks - flagged));
  await expect(page.locator('.ag-header-cell', { hasText: 'Verdict' })).toBeVisible();
  await expect(page.locator('.ag-cell[col-id="verdict"]').first()).toHaveText('Human');
  await screenshot(page, 'bots-excluded');

  // The Links and Profiles views count every click: they say so instead of "left out".
  for (const tab of ['Links', 'Profiles']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByTestId('bots-counted-here')).toHaveText(
      'This view counts every click, suspected bots included.',
    );
    await expect(page.getByTestId('bots-left-out')).toHaveCount(0);
  }
  await page.getByRole('tab', { name: 'Clicks' }).click();
  await expect(page.getByTestId('bots-left-out')).toBeVisible();

  await page.getByRole('button', { name: 'Show them' }).click();
  await expect(page.getByLabel('Leave out suspected bots')).not.toBeChecked();
  await expect(page.getByTestId('clicks-row-count')).toContainText(count.format(emailing.clicks));
  await expect(page.getByTestId('bots-left-out')).toHaveCount(0);
  await expect(
    page.locator('.ag-cell[col-id="verdict"]', { hasText: 'Suspected bot: burst' }).first(),
  ).toBeVisible();
  expect(problems).toEqual([]);
});

test('the Devices view breaks the clicks down by device type, OS and client', async ({ page }) => {
  const problems = watchForProblems(page);
  await openTab(page, 'Devices');
  const view = page.getByTestId('devices-view');
  await expect(view).toBeVisible();
  await expect(view.locator('caption')).toHaveText([
    'Device type',
    'Operating system',
    'Browser or mail client',
  ]);
  await expect(view.locator('tr', { hasText: 'desktop' }).first()).toBeVisible();
  await expect(view.locator('tr', { hasText: 'Outlook' }).first()).toBeVisible();
  await expect(view.locator('canvas')).toBeVisible();
  await screenshot(page, 'devices');
  expect(problems).toEqual([]);
});

test('the bot rules live in Settings: Microsoft’s ranges in one click, applied to every click', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Burst: seconds')).toHaveValue('2');
  await expect(page.getByLabel('Sticky: minutes')).toHaveValue('15');
  await expect(page.getByLabel('Scanner network ranges')).toHaveValue('');
  await page.getByRole('button', { name: 'Add Microsoft’s scanner ranges (example)' }).click();
  await expect(page.getByLabel('Scanner network ranges')).toHaveValue(
    '40.92.0.0/16\n52.96.0.0/12\n2a01:111::/32',
  );
  await page.getByRole('button', { name: 'Apply the rules' }).click();
  await expect(page.getByRole('button', { name: 'Apply the rules' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Scanner network ranges')).toHaveValue(
    '40.92.0.0/16\n52.96.0.0/12\n2a01:111::/32',
  );
  expect(problems).toEqual([]);
});
