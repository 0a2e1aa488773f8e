/**
 * Who clicked, end to end: a cache the CLI filled with `sync --profiles` from the fake, the built
 * renderer over the real backend worker. Two fields chosen in the column chooser show in the
 * Profiles view and the clicks grid (the Profile column by name), and in an export; "Leave out
 * personal data" writes none of them.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { runCliSync } from './harness/cli';
import { type Harness, startHarness } from './harness/harness';
import { columnValues, grid, screenshot, watchForProblems } from './helpers/page';

const token = 'who-clicked-token';
const emailing = { id: 4301, subject: 'Wie klikte er?', sentAt: '2025-05-06 09:00:00', clicks: 3000 };

let folder: string;
let databasePath: string;
let harness: Harness;
/** The cached fields of every fetched profile, by ID. */
let fields: Map<number, Record<string, string>>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  folder = mkdtempSync(join(tmpdir(), 'copernica-who-clicked-'));
  databasePath = join(folder, 'cache.db');
  const fake = await createFakeCopernica({ port: 0, tokens: [token], emailings: [emailing] });
  try {
    const run = await runCliSync({
      baseUrl: fake.url,
      token,
      emailingIds: [emailing.id],
      databasePath,
      extraArgs: ['--profiles'],
    });
    expect(run.exitCode, run.stderr).toBe(0);
  } finally {
    await fake.close();
  }
  const db = new Database(databasePath, { readonly: true });
  fields = new Map(
    (db.prepare('SELECT id, fields FROM profiles').all() as { id: number; fields: string }[]).map((r) => [
      r.id,
      JSON.parse(r.fields) as Record<string, string>,
    ]),
  );
  db.close();
  expect(fields.size).toBeGreaterThan(500);
  harness = await startHarness({ databasePath });
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function openEmailing(page: Page): Promise<void> {
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  await expect(page.getByRole('heading', { name: emailing.subject })).toBeVisible();
}

/** Profile IDs and a field column of the first rows: each value is the cached profile's. */
async function expectFieldsOfRows(area: Locator, idCol: string, field: string): Promise<void> {
  const ids = await columnValues(area, idCol, 8);
  const values = await columnValues(area, `profileField:${field}`, 8);
  expect(values.length).toBeGreaterThan(3);
  ids.forEach((text, i) => {
    const id = Number(/(\d+)\s*$/.exec(text)?.[1]);
    expect(values[i], `row ${i}, profile ${id}`).toBe(fields.get(id)?.[field] ?? '');
  });
}

test('two profile fields chosen show in the Profiles view, the clicks grid and an export; private exports leave them out', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await openEmailing(page);

  // Profiles: choose e-mail and company, and name profiles by first and last name.
  await page.getByRole('tab', { name: 'Profiles' }).click();
  const profiles = grid(page, 'Profiles');
  await expect(profiles.locator('.ag-row[row-index="0"]')).toBeVisible();
  await page.getByRole('button', { name: 'Columns' }).click();
  const chooser = page.getByRole('group', { name: 'Profile fields' });
  await chooser.getByRole('checkbox', { name: 'email', exact: true }).check();
  await chooser.getByRole('checkbox', { name: 'company', exact: true }).check();
  await chooser
    .getByRole('combobox', { name: 'Name profiles by' })
    .selectOption({ label: 'firstname + lastname' });
  await page.keyboard.press('Escape');

  await expect(
    profiles.locator('.ag-header-row-column .ag-header-cell[col-id="profileField:email"]'),
  ).toBeVisible();
  await expect(
    profiles.locator('.ag-header-row-column .ag-header-cell[col-id="profileField:company"]'),
  ).toBeVisible();
  await expectFieldsOfRows(profiles, 'profile', 'email');
  await expectFieldsOfRows(profiles, 'profile', 'company');
  // The Profile column names the profile, the ID beside the name.
  const first = (await columnValues(profiles, 'profile', 1))[0]!;
  const firstId = Number(/(\d+)\s*$/.exec(first)?.[1]);
  const person = fields.get(firstId)!;
  expect(first).toBe(`${person.firstname} ${person.lastname} ${firstId}`);
  await screenshot(page, 'who-clicked');

  // Sorted by company in the Profiles view.
  await profiles
    .locator('.ag-header-row-column .ag-header-cell[col-id="profileField:company"] .ag-header-cell-label')
    .click();
  const companies = await columnValues(profiles, 'profileField:company', 8);
  expect(companies).toEqual([...companies].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

  // The drill-down's title: the name, the ID as secondary text.
  await profiles.locator('.ag-row[row-index="0"] [col-id="profile"] button').click();
  const panel = page.getByRole('dialog', { name: /·/ });
  await expect(panel.getByRole('heading', { level: 2 })).toContainText('·');
  await page.keyboard.press('Escape');

  // The clicks grid shows the same two fields, and filters by one.
  await page.getByRole('tab', { name: 'Clicks' }).click();
  await page.getByLabel('Leave out suspected bots').uncheck();
  const clicks = grid(page, 'Clicks');
  await expect(
    clicks.locator('.ag-header-row-column .ag-header-cell[col-id="profileField:email"]'),
  ).toBeVisible();
  await expectFieldsOfRows(clicks, 'profile', 'email');
  const email = (await columnValues(clicks, 'profileField:email', 1))[0]!;
  await clicks.locator('input[aria-label="email Filter Input"]:not([disabled])').fill(email);
  await expect(page.getByTestId('clicks-row-count')).toHaveText(/ of [\d,]+ clicks$/);
  const shown = await columnValues(clicks, 'profileField:email', 8);
  expect(shown.every((value) => value === email)).toBe(true);
  await clicks.locator('input[aria-label="email Filter Input"]:not([disabled])').fill('');
  await expect(page.getByTestId('clicks-row-count')).toHaveText(/^[\d,]+ clicks$/);

  // Exported with their values, and left out when asked.
  const exportClicks = async (leaveOut: boolean): Promise<string[][]> => {
    const out = join(folder, `exports-${leaveOut ? 'private' : 'full'}`);
    mkdirSync(out);
    harness.saveDialog.folder = out;
    await page.getByRole('button', { name: 'Export', exact: true }).first().click();
    const menu = page.getByRole('dialog', { name: 'Export clicks' });
    await menu.getByLabel('CSV (.csv)').check();
    const privacy = menu.getByLabel(/Leave out personal data/);
    await expect(privacy).not.toBeChecked();
    if (leaveOut) await privacy.check();
    await menu.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByTestId('export-status').first()).toContainText('Saved');
    const [file] = readdirSync(out);
    const text = readFileSync(join(out, file!), 'utf8').replace(/^\uFEFF/, '');
    return parse(text, { delimiter: [',', ';'] }) as string[][];
  };
  const full = await exportClicks(false);
  expect(full[0]).toContain('email');
  expect(full[0]).toContain('company');
  const profileAt = full[0]!.indexOf('Profile');
  const emailAt = full[0]!.indexOf('email');
  for (const row of full.slice(1, 200)) {
    const id = Number(row[profileAt]);
    expect(row[emailAt]).toBe(fields.get(id)?.email ?? '');
  }
  const leftOut = await exportClicks(true);
  expect(leftOut[0]).not.toContain('email');
  expect(leftOut[0]).not.toContain('IP address');
  const text = leftOut.flat().join('\n');
  for (const person of [...fields.values()].slice(0, 300)) expect(text).not.toContain(person.email);
  expect(leftOut[0]).toContain('Profile');
  expect(problems).toEqual([]);
});
