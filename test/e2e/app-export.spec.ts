/**
 * Exports end to end: a cache filled by the real CLI from the fake Copernica server, the built
 * renderer, main's export handlers over the real backend worker, and a fake save dialog that
 * answers a path in a folder of the test's. The files are read back with readers we did not
 * write (csv-parse, exceljs).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type Harness, startHarness } from './harness/harness';
import { seedWithCli, springSale } from './harness/seedWithCli';
import { watchForProblems, screenshot, grid, type DomNode, columnValues } from './helpers/page';

/** A grid header as an export writes it: time columns name the account's zone. */
const inFile = (header: string): string =>
  ['Clicked at', 'First click', 'Last click'].includes(header) ? `${header} (Europe/Amsterdam)` : header;

const token = 'export-test-token';
const emailing = springSale;
/** Large enough that an export of all its clicks runs for a second or two. */
const big = { id: 4102, subject: 'Grote nieuwsbrief', sentAt: '2025-04-01 09:00:00', clicks: 200_000 };
const count = new Intl.NumberFormat('en-US');

let folder: string;
let databasePath: string;
let harness: Harness;
let outCount = 0;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  folder = mkdtempSync(join(tmpdir(), 'copernica-export-e2e-'));
  databasePath = join(folder, 'cache.db');
  await seedWithCli(databasePath, token, [emailing, big]);
  harness = await startHarness({ databasePath });
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder the fake save dialog saves into. */
function saveInNewFolder(): string {
  const dir = join(folder, `exports-${++outCount}`);
  mkdirSync(dir);
  harness.saveDialog.folder = dir;
  return dir;
}

async function openEmailing(page: Page, id: number, subject: string): Promise<void> {
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${id}"]`).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  // An emailing opens on its Overview.
  await page.getByRole('tab', { name: 'Clicks' }).click();
  // These checks count every cached click: the bot switch (on by default) would leave some out.
  await page.getByLabel('Leave out suspected bots').uncheck();
}

/** "Client report", the workbook, Save: the dialog's path to the four-sheet workbook. */
async function saveClientWorkbook(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Client report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Client report' });
  await dialog.getByText('Excel workbook', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Save…' }).click();
}

/** The headers the grid shows, left to right. */
async function gridHeaders(area: Locator): Promise<string[]> {
  return area.evaluate((root) =>
    [...(root as unknown as DomNode).querySelectorAll('.ag-header-row-column .ag-header-cell')]
      .map((cell) => ({
        index: Number(cell.getAttribute('aria-colindex')),
        text: cell.querySelector('.ag-header-cell-text')?.textContent?.trim() ?? '',
      }))
      .sort((a, b) => a.index - b.index)
      .map((cell) => cell.text),
  );
}

const asNumber = (text: string) => Number(text.replace(/[^\d]/g, ''));

async function sortBy(area: Locator, headerName: string): Promise<void> {
  await area.locator('.ag-header-cell', { hasText: headerName }).locator('.ag-header-cell-label').click();
}

function exportMenu(page: Page, what: string): Locator {
  return page.getByRole('dialog', { name: `Export ${what}` });
}

test('exports what the clicks grid shows as CSV: filter, sort, columns, headers, delimiter, BOM', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const out = saveInNewFolder();
  await openEmailing(page, emailing.id, emailing.subject);
  const clicks = grid(page, 'Clicks');
  const rowCount = page.getByTestId('clicks-row-count');
  await expect(rowCount).toHaveText(`${count.format(emailing.clicks)} clicks`);

  // Narrow it: a link title, the newest first, without the user agent.
  const title = (await columnValues(clicks, 'linkTitle', 8)).find((text) => text.length > 3)!;
  await clicks.locator('input[aria-label="Link title Filter Input"]:not([disabled])').fill(title);
  await expect(rowCount).toHaveText(new RegExp(`^[\\d,]+ of ${count.format(emailing.clicks)} clicks$`));
  const filtered = asNumber((await rowCount.innerText()).split(' of ')[0]!);
  await sortBy(clicks, 'Clicked at');
  await sortBy(clicks, 'Clicked at');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('User agent').uncheck();
  // Hidden until asked for: the file is checked row by row against it.
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Click ID').check();
  await page.keyboard.press('Escape');
  await expect(clicks.locator('.ag-header-cell[col-id="userAgent"]')).toHaveCount(0);
  const headers = await gridHeaders(clicks);
  expect(headers).not.toContain('User agent');
  const firstIds = await columnValues(clicks, 'id', 20);

  // The menu, from the keyboard: what I see, CSV, semicolons.
  await page.getByRole('button', { name: 'Export', exact: true }).first().focus();
  await page.keyboard.press('Enter');
  const menu = exportMenu(page, 'clicks');
  await expect(menu).toBeVisible();
  await expect(menu.getByLabel(/What I see/)).toBeChecked();
  await expect(menu.getByText(`What I see (${count.format(filtered)} rows)`)).toBeVisible();
  await menu.getByLabel('CSV (.csv)').check();
  await expect(menu.getByLabel('Delimiter')).toHaveValue(',');
  await menu.getByLabel('Delimiter').selectOption(';');
  await expect(menu.getByLabel(/Byte order mark/)).toBeChecked();
  await expect(menu.getByLabel(/Protect against formulas/)).toBeChecked();
  await screenshot(page, 'export-menu');
  await menu.getByRole('button', { name: 'Export…' }).click();

  const status = page.getByTestId('export-status').first();
  await expect(status).toContainText(`Saved ${count.format(filtered)} rows to`);
  await screenshot(page, 'export-done');

  // The dialog suggested a name after the client, the subject, the view and today.
  const dialog = harness.saveDialog.requests.at(-1)!;
  expect(basename(dialog.defaultPath)).toMatch(
    /^Development – Voorjaarsactie - 20 % korting op álle fietsen – Clicks – \d{4}-\d{2}-\d{2}\.csv$/,
  );
  const files = readdirSync(out);
  expect(files).toEqual([basename(dialog.defaultPath)]);
  const path = join(out, files[0]!);

  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' }) as string[][];
  // The file's time columns name the account's zone; the grid's header does not need to.
  expect(records[0]).toEqual(headers.map(inFile));
  expect(records[0]).toContain('Clicked at (Europe/Amsterdam)');
  expect(records.length - 1).toBe(filtered);
  const idColumn = headers.indexOf('Click ID');
  const titleColumn = headers.indexOf('Link title');
  const timeColumn = headers.indexOf('Clicked at');
  expect(timeColumn).toBeGreaterThanOrEqual(0);
  expect(records.slice(1, 21).map((r) => r[idColumn])).toEqual(firstIds);
  for (const record of records.slice(1)) expect(record[titleColumn]).toContain(title);
  const times = records.slice(1).map((r) => r[timeColumn]!);
  expect(times).toEqual([...times].sort().reverse());

  await status.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => harness.shownInFolder).toEqual([path]);

  // Put the columns back for the next test.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('button', { name: 'Reset columns' }).click();
  await page.keyboard.press('Escape');
  expect(problems).toEqual([]);
});

test('exports the links as Excel: a bold header and real date cells', async ({ page }) => {
  const problems = watchForProblems(page);
  const out = saveInNewFolder();
  await openEmailing(page, emailing.id, emailing.subject);
  await page.getByRole('tab', { name: 'Links' }).click();
  const links = grid(page, 'Links');
  await expect(page.getByTestId('links-row-count')).toContainText('links');
  const headers = await gridHeaders(links);
  const shown = asNumber((await page.getByTestId('links-row-count').innerText()).split(' links')[0]!);

  await page
    .getByRole('tabpanel', { name: 'Links' })
    .getByRole('button', { name: 'Export', exact: true })
    .click();
  const menu = exportMenu(page, 'links');
  await menu.getByLabel('Excel workbook (.xlsx)').check();
  await menu.getByRole('button', { name: 'Export…' }).click();
  const status = page.getByRole('tabpanel', { name: 'Links' }).getByTestId('export-status');
  await expect(status).toContainText(`Saved ${count.format(shown)} rows to`);

  const [file] = readdirSync(out);
  expect(file).toMatch(/ – Links – \d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(out, file!));
  const sheet = workbook.worksheets[0]!;
  const headerRow = sheet.getRow(1);
  expect(headers.map((_, i) => headerRow.getCell(i + 1).value)).toEqual(headers.map(inFile));
  expect(headers.map(inFile)).toContain('First click (Europe/Amsterdam)');
  for (let c = 1; c <= headers.length; c++) expect(headerRow.getCell(c).font?.bold).toBe(true);
  expect(sheet.rowCount).toBe(shown + 1);
  const first = sheet.getRow(2).getCell(headers.indexOf('First click') + 1);
  expect(first.type).toBe(ExcelJS.ValueType.Date);
  expect(first.value).toBeInstanceOf(Date);
  expect(sheet.getRow(2).getCell(headers.indexOf('Clicks') + 1).type).toBe(ExcelJS.ValueType.Number);
  expect(problems).toEqual([]);
});

test('cancelling an export of all rows leaves no file behind', async ({ page }) => {
  const out = saveInNewFolder();
  await openEmailing(page, big.id, big.subject);
  await expect(page.getByTestId('clicks-row-count')).toHaveText(`${count.format(big.clicks)} clicks`);
  await page.getByRole('button', { name: 'Export', exact: true }).first().click();
  const menu = exportMenu(page, 'clicks');
  await menu.getByLabel(/All rows/).check();
  await expect(menu.getByText(`All rows (${count.format(big.clicks)} rows)`)).toBeVisible();
  await menu.getByLabel('Excel workbook (.xlsx)').check();
  await menu.getByRole('button', { name: 'Export…' }).click();

  const progress = page.getByRole('progressbar', { name: 'Exporting clicks' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuetext', /of 200,000 rows/);
  await screenshot(page, 'export-progress');
  await page.getByTestId('export-status').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('export-status')).toContainText('Export cancelled. No file was written.');
  expect(readdirSync(out)).toEqual([]);
});

test('a folder that cannot be written says so, and what to do; a closed dialog does nothing', async ({
  page,
}) => {
  const out = saveInNewFolder();
  harness.saveDialog.folder = join(out, 'missing');
  await openEmailing(page, emailing.id, emailing.subject);
  await page.getByRole('tab', { name: 'Profiles' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Profiles' });
  await expect(page.getByTestId('profiles-row-count')).toHaveText(/profiles$/);
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  await exportMenu(page, 'profiles').getByRole('button', { name: 'Export…' }).click();
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('The export failed.');
  await expect(alert).toContainText('the folder does not exist');
  await expect(alert).toContainText('Choose another folder');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);

  harness.saveDialog.folder = null;
  const dialogs = harness.saveDialog.requests.length;
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  await exportMenu(page, 'profiles').getByRole('button', { name: 'Export…' }).click();
  await expect.poll(() => harness.saveDialog.requests.length).toBe(dialogs + 1);
  await expect(panel.getByTestId('export-status')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Export', exact: true })).toBeEnabled();
  expect(readdirSync(out)).toEqual([]);
});

test('the client report and the profile drill-down export', async ({ page }) => {
  const out = saveInNewFolder();
  await openEmailing(page, emailing.id, emailing.subject);
  await saveClientWorkbook(page);
  await expect(page.getByTestId('export-status').first()).toContainText('Saved');
  const [report] = readdirSync(out);
  expect(report).toMatch(/^Development – .* – Click report – \d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(out, report!));
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Links', 'Profiles', 'Clicks']);
  expect(workbook.getWorksheet('Clicks')!.rowCount).toBe(emailing.clicks + 1);

  const clicks = grid(page, 'Clicks');
  await clicks.locator('.ag-row[row-index="0"] [col-id="profile"] button').click();
  const drill = page.locator('aside.profile-panel');
  await expect(drill.locator('.profile-clicks li').first()).toBeVisible();
  const listed = await drill.locator('.profile-clicks li').count();
  await drill.getByRole('button', { name: 'Export', exact: true }).click();
  const menu = exportMenu(page, "this profile's clicks");
  await menu.getByLabel('CSV (.csv)').check();
  await menu.getByRole('button', { name: 'Export…' }).click();
  await expect(drill.getByTestId('export-status')).toContainText(
    `Saved ${listed} ${listed === 1 ? 'row' : 'rows'}`,
  );
  const csv = readdirSync(out).find((name) => name.endsWith('.csv'))!;
  expect(csv).toMatch(/^Development – Profile \d+ – \d{4}-\d{2}-\d{2}\.csv$/);
  expect(existsSync(join(out, csv))).toBe(true);
});

test('an emailing whose last sync did not finish: a warning in the menu, the banner and the report', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const out = saveInNewFolder();
  // As a sync killed after its first page leaves it: the run is still open.
  const db = new Database(databasePath);
  const open = db.prepare(
    'UPDATE sync_state SET run_next_start = ? WHERE emailing_id = (SELECT id FROM emailings WHERE remote_id = ?)',
  );
  open.run(1000, emailing.id);
  try {
    const warning =
      `The last sync of emailing ${emailing.id} did not finish; ` +
      `this export holds the ${count.format(emailing.clicks)} clicks cached so far.`;
    await openEmailing(page, emailing.id, emailing.subject);
    await page.getByRole('button', { name: 'Export', exact: true }).first().click();
    const menu = exportMenu(page, 'clicks');
    await expect(menu.getByTestId('export-incomplete')).toContainText(
      `${warning} Refresh the emailing to complete it.`,
    );
    await screenshot(page, 'export-menu-incomplete');
    await menu.getByRole('button', { name: 'Export…' }).click();
    const clicksStatus = page.getByRole('tabpanel', { name: 'Clicks' }).getByTestId('export-status');
    await expect(clicksStatus).toContainText(`Saved ${count.format(emailing.clicks)} rows to`);
    await expect(clicksStatus).toContainText(warning);

    await saveClientWorkbook(page);
    const reportStatus = page.locator('.emailing-detail > [data-testid="export-status"]');
    await expect(reportStatus).toContainText(warning);
    await screenshot(page, 'export-report-incomplete');
    const report = readdirSync(out).find((name) => name.includes('Click report'))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, report));
    const line = workbook.getWorksheet('Summary')!.getRow(2);
    expect(line.getCell(1).value).toBe('Incomplete data');
    expect(String(line.getCell(2).value)).toContain(warning);
    expect(problems).toEqual([]);
  } finally {
    open.run(null, emailing.id);
    db.close();
  }
});
