/**
 * Export feedback (issue 13, point 8): the banner names the file (the full path on hover) with
 * Open beside Show in folder; the banners float, so one or two at once leave the grid where it
 * was; and a 200-character subject never costs the suggested name its view or its date.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type Harness, startHarness } from './harness/harness';
import { seedWithCli } from './harness/seedWithCli';
import { grid, screenshot, watchForProblems } from './helpers/page';

const token = 'export-feedback-token';
const longSubject =
  'Grote zomeropruiming bij de Fietsenwinkel: tot 50 % korting op stadsfietsen, e-bikes, kinderfietsen, ' +
  'racefietsen en accessoires, alleen dit weekend in alle winkels en online, zolang de voorraad strekt';
const emailing = { id: 4601, subject: longSubject, sentAt: '2025-07-01 09:00:00', clicks: 1_500 };

let folder: string;
let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'copernica-export-feedback-'));
  const databasePath = join(folder, 'cache.db');
  await seedWithCli(databasePath, token, [emailing]);
  harness = await startHarness({ databasePath });
  const out = join(folder, 'exports');
  mkdirSync(out);
  harness.saveDialog.folder = out;
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function exportView(page: Page, panel: Locator, what: string): Promise<void> {
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('dialog', { name: `Export ${what}` });
  await menu.getByLabel('Excel workbook (.xlsx)').check();
  await menu.getByRole('button', { name: 'Export…' }).click();
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the banner names the file, opens it, floats over the grid; long subjects keep view and date', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  expect(longSubject.length).toBeGreaterThan(190);
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  await page.getByRole('tab', { name: 'Clicks' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Clicks' });
  const clicks = grid(page, 'Clicks');
  await expect(clicks.locator('.ag-row[row-index="0"]')).toBeVisible();
  const before = (await clicks.boundingBox())!;
  const firstRow = async () => (await clicks.locator('.ag-row[row-index="0"]').boundingBox())!.y;
  const rowBefore = await firstRow();

  await exportView(page, panel, 'clicks');
  const status = panel.getByTestId('export-status');
  await expect(status).toContainText('Saved');
  const path = harness.saveDialog.requests.at(-1)!.defaultPath;
  const clicksName = basename(path);
  // The subject gave way; the client, the view and the date did not.
  expect(clicksName).toMatch(/^Development – Grote zomeropruiming .*… – Clicks – \d{4}-\d{2}-\d{2}\.xlsx$/);
  const fileName = status.getByTestId('export-file-name');
  await expect(fileName).toHaveText(clicksName);
  await expect(fileName).toHaveAttribute('title', join(folder, 'exports', clicksName));
  await expect(status).not.toContainText(folder);
  // All of the name is shown, none of it behind an ellipsis.
  expect(
    await fileName.evaluate((node) => {
      const el = node as unknown as { scrollWidth: number; clientWidth: number };
      return el.scrollWidth <= el.clientWidth;
    }),
  ).toBe(true);

  await status.getByRole('button', { name: 'Open', exact: true }).click();
  await expect.poll(() => harness.openedFiles).toEqual([join(folder, 'exports', clicksName)]);
  await expect(status.getByRole('button', { name: 'Show in folder' })).toBeVisible();

  // The banner came over the grid: the grid and its first row did not move.
  expect(await clicks.boundingBox()).toEqual(before);
  expect(await firstRow()).toBe(rowBefore);

  // A second banner, the client report's, at once: still nothing moves, and neither hides the other.
  await page.getByRole('button', { name: 'Client report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Client report' });
  await dialog.getByText('Excel workbook', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Save…' }).click();
  const reportStatus = page.locator('.emailing-detail > [data-testid="export-status"]');
  await expect(reportStatus).toContainText('Saved');
  await expect(reportStatus.getByTestId('export-file-name')).toHaveText(
    /… – Click report – \d{4}-\d{2}-\d{2}\.xlsx$/,
  );
  expect(await clicks.boundingBox()).toEqual(before);
  expect(await firstRow()).toBe(rowBefore);
  expect(overlap((await status.boundingBox())!, (await reportStatus.boundingBox())!)).toBe(false);
  const wholeText = (locator: Locator) =>
    locator.evaluate((node) => {
      const el = node as unknown as { scrollWidth: number; clientWidth: number };
      return el.scrollWidth <= el.clientWidth;
    });
  expect(await wholeText(status.locator('.export-status-text'))).toBe(true);
  expect(await wholeText(reportStatus.locator('.export-status-text'))).toBe(true);
  await screenshot(page, 'export-banners');

  // The profiles of the same emailing get a name of their own.
  await page.getByRole('tab', { name: 'Profiles' }).click();
  const profiles = page.getByRole('tabpanel', { name: 'Profiles' });
  await expect(grid(page, 'Profiles').locator('.ag-row[row-index="0"]')).toBeVisible();
  await exportView(page, profiles, 'profiles');
  await expect(profiles.getByTestId('export-status')).toContainText('Saved');
  const profilesName = basename(harness.saveDialog.requests.at(-1)!.defaultPath);
  expect(profilesName).toMatch(/… – Profiles – \d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(profilesName).not.toBe(clicksName);
  expect(readdirSync(join(folder, 'exports')).sort()).toEqual(
    [clicksName, profilesName, basename(harness.saveDialog.requests[1]!.defaultPath)].sort(),
  );
  expect(problems).toEqual([]);
});
