/** What the Playwright specs do to and read from a page, once. */
import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

export const screenshotDir = 'test-results/screenshots';

/**
 * Collects what the page reports as broken: page errors, console errors and, when asked, failed
 * requests. The CSP and a working bridge should leave it empty.
 */
export function watchForProblems(page: Page, options: { failedRequests?: boolean } = {}): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  if (options.failedRequests) {
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
  }
  return problems;
}

/** A PNG under test-results/screenshots/ for a person to review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}

export function grid(page: Page, name: string): Locator {
  return page.getByRole('region', { name });
}

/** The little of the DOM the page functions use (the node tsconfig has no DOM library). */
export interface DomNode {
  getAttribute(name: string): string | null;
  textContent: string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}

/** The text of one column in the first `rows` rendered grid rows, in row order (loaded rows only). */
export async function columnValues(area: Locator, colId: string, rows = 8): Promise<string[]> {
  await expect(area.locator('.ag-row[row-index="0"]')).toBeVisible();
  await expect(area.locator('.ag-skeleton-container')).toHaveCount(0);
  return area.evaluate(
    (root, { colId, rows }) =>
      [...(root as unknown as DomNode).querySelectorAll('.ag-row')]
        .map((row) => ({
          index: Number(row.getAttribute('row-index')),
          text: row.querySelector(`[col-id="${colId}"]`)?.textContent?.trim() ?? '',
        }))
        .filter((row) => row.index < rows)
        .sort((a, b) => a.index - b.index)
        .map((row) => row.text),
    { colId, rows },
  );
}
