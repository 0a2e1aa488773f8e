/**
 * The key figures end to end: an emailing synced by the real CLI over v3 (so Copernica's
 * statistics come with their dominant results), opened in the built renderer on its Overview:
 * Copernica's figures, every rate with its formula on hover, the cache's counts, the
 * reconciliation, the top links and the first 24 hours, the period control, and the rate
 * columns of the emailing list, in en-US and nl-NL.
 */
import { expect, type Page, test } from '@playwright/test';
import { openDatabase } from '../../src/backend/db/open';
import { KeyFiguresView } from '../../src/backend/figures/keyFigures';
import { formatRate, rateDefinitions } from '../../src/shared/figures/rates';
import type { EmailingFigures } from '../../src/shared/schemas/figures';
import type { Harness } from './harness/harness';
import { springSale, startSeededHarness } from './harness/seedWithCli';
import { openEmailingFromList } from './helpers/openEmailingFromList';
import { screenshot, watchForProblems } from './helpers/page';

const token = 'figures-test-token';
const emailing = springSale;

let harness: Harness;
let figures: EmailingFigures;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  harness = await startSeededHarness('figures', {
    token,
    emailings: [emailing],
    apiVersion: 'v3',
    inspect(databasePath) {
      const db = openDatabase(databasePath, { readonly: true });
      try {
        const key = db
          .prepare('SELECT id FROM emailings WHERE remote_id = ?')
          .pluck()
          .get(emailing.id) as number;
        figures = new KeyFiguresView(db).emailingFigures(key);
      } finally {
        db.close();
      }
    },
  });
});

test.afterAll(() => harness?.close());

async function openEmailing(page: Page): Promise<void> {
  await openEmailingFromList(page, harness, emailing);
}

const count = new Intl.NumberFormat('en-US');

test('an emailing opens on its Overview: key figures, rates with formulas, reconciliation, top links, first day', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await openEmailing(page);
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByTestId('key-figures');
  await expect(panel).toBeVisible();

  const copernica = figures.copernica!;
  await expect(panel.locator('.key-figure', { hasText: 'Destinations' })).toContainText(
    count.format(copernica.destinations!),
  );
  await expect(panel.locator('.key-figure', { hasText: 'Clicked' })).toContainText(
    `${count.format(copernica.clicks.total!)} clicks`,
  );
  for (const d of rateDefinitions) {
    const tile = panel.locator('.key-figure', { hasText: d.label }).first();
    await expect(tile).toHaveAttribute('title', `${d.label} = ${d.formula}`);
    await expect(tile.locator('.key-figure-value')).toHaveText(formatRate(figures.rates[d.id], 'en-US'));
  }
  expect(figures.rates.copernicaCtr).not.toBeNull();
  await expect(page.getByTestId('cache-clicks')).toHaveText(count.format(emailing.clicks));
  await expect(page.getByTestId('cache-unique-clickers')).toHaveText(
    count.format(figures.cache.uniqueClickers),
  );
  await expect(page.getByTestId('reconciliation')).toContainText('Complete: the cache holds every click');
  await expect(page.getByTestId('top-links').locator('li')).toHaveCount(5);
  await expect(page.getByTestId('first-day').locator('canvas')).toBeVisible();
  await screenshot(page, 'key-figures');

  // The period control: the cache's counts follow it, Copernica's (of the whole emailing) do not.
  await page.getByLabel('To', { exact: true }).fill('2025-03-04T12:00');
  await expect(page.getByTestId('cache-clicks')).not.toHaveText(count.format(emailing.clicks));
  const inPeriod = Number((await page.getByTestId('cache-clicks').textContent())!.replace(/\D/g, ''));
  expect(inPeriod).toBeGreaterThan(0);
  expect(inPeriod).toBeLessThan(emailing.clicks);
  await expect(panel.locator('.key-figure', { hasText: 'Clicked' })).toContainText(
    `${count.format(copernica.clicks.total!)} clicks`,
  );
  await expect(page.getByTestId('reconciliation')).toContainText('Complete');
  expect(problems).toEqual([]);
});

test('the emailing list shows the rates, with the formula in the header', async ({ page }) => {
  await page.goto(harness.url);
  const row = page.locator(`tr[data-emailing-id="${emailing.id}"]`);
  await expect(row.getByTestId('rate-openRate')).toHaveText(formatRate(figures.rates.openRate, 'en-US'));
  await expect(row.getByTestId('rate-copernicaCtr')).toHaveText(
    formatRate(figures.rates.copernicaCtr, 'en-US'),
  );
  // The header is a sort button; its tooltip gives the formula.
  await expect(page.getByRole('button', { name: 'Click-to-open rate', exact: true })).toHaveAttribute(
    'title',
    'Click-to-open rate = unique clicks ÷ unique impressions',
  );
});

test.describe('in Dutch', () => {
  test.use({ locale: 'nl-NL' });

  test('writes every rate the nl-NL way', async ({ page }) => {
    await openEmailing(page);
    const panel = page.getByTestId('key-figures');
    for (const d of rateDefinitions) {
      const expected = formatRate(figures.rates[d.id], 'nl-NL');
      expect(expected).toMatch(/^\d+,\d%$/);
      await expect(
        panel.locator('.key-figure', { hasText: d.label }).first().locator('.key-figure-value'),
      ).toHaveText(expected);
    }
  });
});
