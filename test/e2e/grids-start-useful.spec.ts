/**
 * Grids that start useful (issue 13, point 5): the clicks grid opens on when, who and what with
 * the IDs hidden and the time pinned, "Reset columns" brings that back; the links grid leads with
 * the title and writes each address as its path; the emailing list sorts by its headers, gives
 * the subject its room and says what its two click counts are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type Harness, startHarness } from './harness/harness';
import { seedWithCli } from './harness/seedWithCli';
import { type DomNode, columnValues, grid, screenshot, watchForProblems } from './helpers/page';

const token = 'grids-test-token';
const big = { id: 4501, subject: 'Herfstactie: jassen', sentAt: '2025-10-01 09:00:00', clicks: 3_000 };
const small = { id: 4502, subject: 'Nieuwsbrief oktober', sentAt: '2025-10-08 09:00:00', clicks: 400 };
const untitled = { id: 4503, subject: '', sentAt: '2025-10-15 09:00:00', clicks: 900 };

let folder: string;
let harness: Harness;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  folder = mkdtempSync(join(tmpdir(), 'copernica-grids-'));
  const databasePath = join(folder, 'cache.db');
  await seedWithCli(databasePath, token, [big, small, untitled]);
  harness = await startHarness({ databasePath });
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The headers the grid shows, left to right (the pinned ones first, as drawn). */
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

async function openEmailing(page: Page, id: number, tab: 'Clicks' | 'Links'): Promise<void> {
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${id}"]`).click();
  await page.getByRole('tab', { name: tab }).click();
}

const rowIds = (page: Page) =>
  page
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Number((row as unknown as DomNode).getAttribute('data-emailing-id'))),
    );

test('the emailing list: sortable headers, room for the subject, the two click counts explained', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(harness.url);
  await expect(page.locator('tbody tr')).toHaveCount(3);

  // An emailing without a subject still says so, in the list.
  const untitledRow = page.locator(`tr[data-emailing-id="${untitled.id}"]`);
  await expect(untitledRow.locator('.subject-text')).toHaveText('No subject');

  const subjectHeader = page.getByRole('columnheader', { name: 'Emailing', exact: true });
  expect((await subjectHeader.boundingBox())!.width).toBeGreaterThanOrEqual(280);

  const reported = page.getByRole('button', { name: 'Reported clicks', exact: true });
  const cached = page.getByRole('button', { name: 'Cached clicks', exact: true });
  await expect(reported).toHaveAttribute('title', /what Copernica counts/);
  await expect(cached).toHaveAttribute('title', /stored on this computer/);

  // Most cached clicks first, then fewest, then the list's own order again.
  const header = page.getByRole('columnheader', { name: 'Cached clicks', exact: true });
  await cached.click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect(await rowIds(page)).toEqual([big.id, untitled.id, small.id]);
  await cached.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  expect(await rowIds(page)).toEqual([small.id, untitled.id, big.id]);
  await cached.click();
  await expect(header).not.toHaveAttribute('aria-sort');

  // Subjects from A, the one without a subject last.
  await page.getByRole('button', { name: 'Emailing', exact: true }).click();
  expect(await rowIds(page)).toEqual([big.id, small.id, untitled.id]);
  await screenshot(page, 'emailing-list-sorted');
  expect(problems).toEqual([]);
});

test('the clicks grid opens on when, who and what; the IDs wait in the chooser; Reset columns', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await openEmailing(page, big.id, 'Clicks');
  const clicks = grid(page, 'Clicks');
  await expect(clicks.locator('.ag-row[row-index="0"]')).toBeVisible();

  const defaults = await gridHeaders(clicks);
  expect(defaults.slice(0, 4)).toEqual(['Clicked at', 'Profile', 'Link title', 'Link']);
  for (const hidden of ['Click ID', 'Link ID', 'Destination', 'Subprofile'])
    expect(defaults).not.toContain(hidden);
  // Pinned: the time stays in view while the rest scrolls sideways.
  const timeHeader = clicks.locator(
    '.ag-header-cell.ag-header-cell-last-left-pinned[role="columnheader"][col-id="timestamp"]',
  );
  await expect(timeHeader).toHaveCount(1);
  // More columns than room at 1280 px: the right edge is shaded, whatever the scrollbars do
  // (the test's Chromium hides them, as overlay scrollbars do until one scrolls).
  const body = page.locator('.grid-body[aria-label="Clicks"]');
  await expect(body).toHaveAttribute('data-overflow', 'right');
  const viewport = clicks.locator('.ag-grid-viewport');
  const shade = await body.evaluate((node) => {
    const style = (
      globalThis as unknown as {
        getComputedStyle(n: unknown, p: string): { width: string; backgroundImage: string };
      }
    ).getComputedStyle(node, '::after');
    return { width: style.width, image: style.backgroundImage };
  });
  expect(shade.width).toBe('28px');
  expect(shade.image).toContain('linear-gradient');
  // Scrolled to the far right, Clicked at is where it was and Link is gone from view.
  const timeLeft = (await timeHeader.boundingBox())!.x;
  await viewport.evaluate((node) => {
    (node as unknown as { scrollLeft: number }).scrollLeft = 10_000;
  });
  await expect(clicks.getByRole('columnheader', { name: 'Browser or mail client' })).toBeInViewport();
  expect((await timeHeader.boundingBox())!.x).toBe(timeLeft);
  // Nothing more to the right: no shade.
  await expect(body).not.toHaveAttribute('data-overflow');
  await screenshot(page, 'clicks-scrolled');
  await viewport.evaluate((node) => {
    (node as unknown as { scrollLeft: number }).scrollLeft = 0;
  });
  await expect(body).toHaveAttribute('data-overflow', 'right');
  await screenshot(page, 'clicks-defaults');

  // Change the layout: show an ID, hide the profile; then Reset columns puts the defaults back.
  await page.getByRole('button', { name: 'Columns' }).click();
  const chooser = page.getByRole('group', { name: 'Visible columns' });
  await chooser.getByLabel('Click ID').check();
  await chooser.getByLabel('Profile', { exact: true }).uncheck();
  await expect(clicks.getByRole('columnheader', { name: 'Click ID' })).toHaveCount(1);
  expect(await gridHeaders(clicks)).not.toContain('Profile');
  await page.getByRole('button', { name: 'Reset columns' }).click();
  await expect(chooser.getByLabel('Click ID')).not.toBeChecked();
  await expect(chooser.getByLabel('Profile', { exact: true })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect.poll(() => gridHeaders(clicks)).toEqual(defaults);
  expect(problems).toEqual([]);
});

test('the links grid: the title first, the address as its path, bars against the top link, tags', async ({
  page,
  context,
}) => {
  const problems = watchForProblems(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(harness.url).origin,
  });
  await openEmailing(page, big.id, 'Links');
  const links = grid(page, 'Links');
  await expect(links.locator('.ag-row[row-index="0"]')).toBeVisible();
  expect((await gridHeaders(links)).slice(0, 2)).toEqual(['Link title', 'Link']);

  // The fake's links are all on www.voorbeeldwinkel.nl with utm_ parameters: neither is shown.
  const addresses = (await columnValues(links, 'link', 40)).filter((text) => text !== '{webversion}');
  expect(addresses.length).toBeGreaterThan(5);
  for (const address of addresses) {
    expect(address).toMatch(/^\//);
    expect(address).not.toContain('utm_');
    expect(address).not.toContain('voorbeeldwinkel');
  }
  const first = links
    .locator('.ag-row')
    .filter({ hasNotText: '{webversion}' })
    .first()
    .locator('[col-id="link"]');
  const full = await first.locator('.cell-text').getAttribute('title');
  expect(full).toMatch(/^https:\/\/www\.voorbeeldwinkel\.nl\/.+utm_source=/);
  await first.hover();
  await first.getByRole('button', { name: 'Copy link' }).click();
  await expect
    .poll(() =>
      page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    )
    .toBe(full);

  // Sorted by clicks: the top link's bar fills its track, the others are shorter in proportion.
  const fill = async (row: number) =>
    links.locator(`.ag-row[row-index="${row}"] [col-id="share"]`).evaluate((cell) => {
      type Box = { getBoundingClientRect(): { width: number } };
      const within = cell as unknown as { querySelector(selector: string): Box };
      const width = (selector: string) => within.querySelector(selector).getBoundingClientRect().width;
      return width('.share-fill') / width('.share-bar');
    });
  expect(await fill(0)).toBeCloseTo(1, 2);
  expect(await fill(5)).toBeLessThan(1);

  // Copernica's web-version link is tagged as a system link.
  const webversion = links.locator('.ag-row', { hasText: '{webversion}' }).first();
  await expect(webversion.locator('.badge-system')).toHaveText('Web version');
  await page.mouse.move(640, 10);
  await screenshot(page, 'links-view');
  expect(problems).toEqual([]);
});
