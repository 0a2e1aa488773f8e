/**
 * The theme chosen in Settings (issue 13, point 9): applied at once over the system's, kept
 * across a reload, and "As the system" gives the choice back to the system.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type Harness, startHarness } from './harness/harness';
import { screenshot } from './helpers/page';

let folder: string;
let harness: Harness;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'copernica-theme-'));
  harness = await startHarness({ databasePath: join(folder, 'cache.db') });
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The relative luminance (0 black … 1 white) of the page's background. */
async function backgroundLuminance(page: Page): Promise<number> {
  // The node tsconfig has no DOM library: the one call it needs, typed here.
  const colour = await page
    .locator('html')
    .evaluate(
      (html) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
        ).getComputedStyle(html).backgroundColor,
    );
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((c: string) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function chooseTheme(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: label }).check();
}

test('a theme chosen in Settings applies at once, survives a reload, and "As the system" gives it back', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: /Add a Copernica account/ })).toBeVisible();
  const light = await backgroundLuminance(page);
  expect(light).toBeGreaterThan(0.5);

  await chooseTheme(page, 'Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backgroundLuminance(page)).toBeLessThan(0.1);
  await screenshot(page, 'settings-theme-dark');

  await page.reload();
  await expect(page.getByRole('heading', { name: /Add a Copernica account/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backgroundLuminance(page)).toBeLessThan(0.1);

  // Light chosen on a dark system stays light.
  await page.emulateMedia({ colorScheme: 'dark' });
  await chooseTheme(page, 'Light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.5);

  await page.getByRole('radio', { name: 'As the system' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  expect(await backgroundLuminance(page)).toBeLessThan(0.1);
  await page.reload();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
});
