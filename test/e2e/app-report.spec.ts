/**
 * The client report end to end: "Client report" previews the first page of the PDF in the
 * language and number format chosen, saves it through main's dialog, and the file read back
 * with pdftotext says what the preview said; emailings chosen in the list open the comparison,
 * whose report is saved as a PDF too. Screenshots: client-report-preview, comparison.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type Harness, startHarness } from './harness/harness';
import { seedWithCli, springSale } from './harness/seedWithCli';
import { screenshot, watchForProblems } from './helpers/page';

const token = 'report-test-token';
const newsletters = [
  springSale,
  { id: 4111, subject: 'Nieuwsbrief april', sentAt: '2025-04-01 09:00:00', clicks: 800 },
  { id: 4112, subject: 'Nieuwsbrief mei', sentAt: '2025-05-06 09:00:00', clicks: 600 },
];
const popplerMissing = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error !== undefined;
const popplerReason = 'pdftotext (poppler-utils) is not installed; .ci/run installs it';
// Printed as well, so a skipped run says why even with a terse reporter.
if (popplerMissing) console.warn(`[report e2e] skipped: ${popplerReason}`);

let folder: string;
let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  folder = mkdtempSync(join(tmpdir(), 'copernica-report-e2e-'));
  const databasePath = join(folder, 'cache.db');
  await seedWithCli(databasePath, token, newsletters);
  harness = await startHarness({ databasePath });
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

function saveInNewFolder(name: string): string {
  const dir = join(folder, name);
  mkdirSync(dir);
  harness.saveDialog.folder = dir;
  return dir;
}

async function savedPdfText(page: Page, dir: string): Promise<string> {
  await expect(page.getByTestId('export-status').first()).toContainText('Saved');
  const [file] = readdirSync(dir);
  expect(file).toMatch(/\.pdf$/);
  return execFileSync('pdftotext', ['-layout', join(dir, file!), '-'], { encoding: 'utf8' });
}

test('Client report previews the PDF’s first page, in the language and number format chosen', async ({
  page,
}) => {
  test.skip(popplerMissing, popplerReason);
  const problems = watchForProblems(page);
  const out = saveInNewFolder('one');
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${springSale.id}"]`).click();
  await page.getByRole('button', { name: 'Client report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Client report' });
  await dialog.getByText('Nederlands', { exact: true }).click();
  await dialog.getByText('1.234,5', { exact: true }).click();
  const preview = dialog.getByRole('article', { name: 'Preview of the first page' });
  await expect(preview).toContainText('Klikrapport: Voorjaarsactie');
  await expect(preview).toContainText('Alle opgeslagen kliks van de mailing.');
  // The bot switch is on by default, so the report leaves the suspected bots out and says so.
  await expect(preview).toContainText('vermoedelijke bots zijn weggelaten');
  const clicks = preview
    .locator('tr')
    .filter({ has: page.locator('th', { hasText: /^Kliks$/ }) })
    .locator('td');
  await expect(clicks).toHaveText(/^\d{1,3}(\.\d{3})*$/);
  const shown = (await clicks.textContent())!;
  expect(Number(shown.replace(/\./g, ''))).toBeLessThanOrEqual(springSale.clicks);
  await screenshot(page, 'client-report-preview');
  await dialog.getByRole('button', { name: 'Save…' }).click();
  const text = await savedPdfText(page, out);
  expect(text).toContain('Klikrapport: Voorjaarsactie');
  expect(text).toMatch(new RegExp(`^\\s*Kliks\\s+${shown.replace(/\./g, '\\.')}\\s*$`, 'm'));
  expect(problems).toEqual([]);
});

test('emailings chosen in the list are compared side by side, and the comparison saved as a PDF', async ({
  page,
}) => {
  test.skip(popplerMissing, popplerReason);
  const problems = watchForProblems(page);
  const out = saveInNewFolder('comparison');
  await page.goto(harness.url);
  for (const { subject } of newsletters)
    await page.getByRole('checkbox', { name: `Compare ${subject}` }).check();
  await page.getByRole('button', { name: 'Compare 3' }).click();
  await expect(page.getByRole('heading', { name: 'Comparison of 3 emailings' })).toBeVisible();
  const figures = page.getByTestId('comparison-figures');
  await expect(figures.locator('tr', { hasText: 'Cached clicks' }).locator('td')).toHaveText([
    '20,000',
    '800',
    '600',
  ]);
  const links = page.getByTestId('comparison-links');
  await expect(links.locator('tbody tr').first()).toBeVisible();
  await expect(links).not.toContainText('utm_');
  await screenshot(page, 'comparison');
  await page.getByRole('button', { name: 'Report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare 3 emailings: report' });
  await expect(dialog.getByRole('article')).toContainText('Comparison of emailings');
  await dialog.getByRole('button', { name: 'Save…' }).click();
  const text = await savedPdfText(page, out);
  expect(text).toContain('Key figures side by side');
  expect(text).toMatch(/^\s*Clicks\s+20,000\s+800\s+600\s*$/m);
  expect(problems).toEqual([]);
});
