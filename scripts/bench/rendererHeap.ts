/**
 * The renderer's JavaScript heap with an emailing open and its clicks grid scrolled from the
 * first row to the last: the built renderer (`out/renderer`, not rebuilt here) served by the
 * e2e harness over an existing cache, in Chromium, measured through the DevTools protocol after
 * a forced garbage collection. The grid keeps a bounded number of blocks, so this should not
 * grow with the emailing's size.
 */
import { chromium } from 'playwright-core';
import { startHarness } from '../../test/e2e/harness/harness';

export interface RendererHeapOptions {
  databasePath: string;
  /** The emailing's local key (the `key` of listEmailings), whose clicks grid is scrolled. */
  emailingKey: number;
  /** The account to pick in the sidebar first, when the cache has more than one. */
  accountLabel?: string;
  /** Jumps from top to bottom (each waits for its rows); default 120. */
  steps?: number;
  log?: (line: string) => void;
}

const loadTimeoutMs = 15_000;

/** The little of the DOM the page functions below use (the node tsconfig has no DOM library). */
interface DomElement {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

export async function measureRendererHeap(options: RendererHeapOptions): Promise<number> {
  const steps = options.steps ?? 120;
  const log = options.log ?? (() => {});
  const harness = await startHarness({ databasePath: options.databasePath });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--enable-precise-memory-info',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await page.goto(harness.url);
    if (options.accountLabel) {
      await page.getByRole('button', { name: options.accountLabel }).first().click();
    }
    await page.locator(`tr[data-emailing-key="${options.emailingKey}"]`).click({ timeout: loadTimeoutMs });
    // An emailing opens on its Overview; the grid is a tab away.
    await page.getByRole('tab', { name: 'Clicks' }).click({ timeout: loadTimeoutMs });
    const grid = page.getByRole('region', { name: 'Clicks' });
    const count = page.getByTestId('clicks-row-count');
    await count.filter({ hasText: /^[\d.,\s ]+ clicks?$/ }).waitFor({ timeout: loadTimeoutMs });
    const shown = await count.innerText();
    const rowCount = Number(shown.replace(/\D/g, ''));
    log(`  grid shows ${shown}`);

    // AG Grid stretches a million rows' height past what a browser can scroll, and maps the
    // viewport's scrollTop onto rows: setting it to fractions of the range visits all of them.
    const viewport = grid.locator('.ag-grid-viewport');
    await viewport.waitFor({ timeout: loadTimeoutMs });
    let lastIndex = 0;
    for (let step = 0; step <= steps; step++) {
      await viewport.evaluate((node, fraction) => {
        const element = node as unknown as DomElement;
        element.scrollTop = fraction * (element.scrollHeight - element.clientHeight);
      }, step / steps);
      // Arrived when rows near the target are rendered and none of them is still loading.
      const target = Math.floor((step / steps) * (rowCount - 1));
      await page.waitForFunction(
        ({ region, target }) => {
          const root = region as unknown as DomElement | null;
          if (!root || root.querySelector('.ag-skeleton-container, .ag-loading')) return false;
          const indexes = [...root.querySelectorAll('.ag-row[row-index]')].map((row) =>
            Number(row.getAttribute('row-index')),
          );
          return indexes.some((index) => Math.abs(index - target) < 100);
        },
        { region: await grid.elementHandle(), target },
        { timeout: loadTimeoutMs, polling: 50 },
      );
      lastIndex = await grid.evaluate((region) =>
        Math.max(
          ...[...(region as unknown as DomElement).querySelectorAll('.ag-row[row-index]')].map((row) =>
            Number(row.getAttribute('row-index')),
          ),
        ),
      );
    }
    log(`  scrolled in ${steps} steps to row ${(lastIndex + 1).toLocaleString('en-US')}`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
    if (used === undefined) throw new Error('Chromium reported no JSHeapUsedSize.');
    return used / (1024 * 1024);
  } finally {
    await browser.close();
    await harness.close();
  }
}
