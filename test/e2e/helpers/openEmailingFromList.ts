import { expect, type Page } from '@playwright/test';
import type { Harness } from '../harness/harness';

/** Opens the app, then the emailing from its list, and waits for its heading (it opens on its Overview). */
export async function openEmailingFromList(
  page: Page,
  harness: Harness,
  emailing: { id: number; subject: string },
): Promise<void> {
  await page.goto(harness.url);
  await page.locator(`tr[data-emailing-id="${emailing.id}"]`).click();
  await expect(page.getByRole('heading', { name: emailing.subject })).toBeVisible();
}
