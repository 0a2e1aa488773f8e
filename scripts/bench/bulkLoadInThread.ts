/**
 * A fake emailing's pages as a sync receives them, parsed and written through the ClickWriter in
 * this thread with the grid indexes dropped (a bulk load), with no HTTP: the floor the ingest
 * figures are compared with. Making the pages is not timed; the end-of-load work (grid indexes,
 * summaries, and whatever `afterLoad` adds) is timed apart.
 */
import type Database from 'better-sqlite3';
import { clickRow, msClickRow, parsePage } from '../../src/backend/copernica/parse';
import { ClickWriter } from '../../src/backend/db/clickWriter';
import { dropGridIndexes, ensureGridIndexes } from '../../src/backend/db/gridIndexes';
import type { FakeEmailing } from '../../src/backend/fakeApi/data';
import { refreshSummaries } from '../../src/backend/views/summaryTables';
import type { Product } from '../../src/shared/schemas/product';
import { ZoneConverter } from '../../src/shared/wallClock';

const PAGE = 1000;

export function bulkLoadInThread(
  db: Database.Database,
  key: number,
  emailing: FakeEmailing,
  rows: number,
  product: Product,
  afterLoad: () => void = () => {},
): { writeMs: number; finishMs: number } {
  const format = { numbersAsStrings: true, userAgentKey: 'useragent' as const };
  const writer = new ClickWriter(db, key, new ZoneConverter('Europe/Amsterdam'));
  const write = db.transaction((text: string) => {
    const page = parsePage(JSON.parse(text), 'clicks', product === 'ms' ? msClickRow : clickRow);
    writer.writePage(page.data);
  });
  let writeMs = 0;
  dropGridIndexes(db);
  for (let start = 0; start < rows; start += PAGE) {
    const end = Math.min(rows, start + PAGE);
    const data: string[] = [];
    for (let k = start; k < end; k++) data.push(emailing.rowJson(k, format));
    const text = `{"start":${start},"limit":${PAGE},"count":${end - start},"total":${rows},"data":[${data.join(',')}]}`;
    const t0 = performance.now();
    write(text);
    writeMs += performance.now() - t0;
  }
  const t1 = performance.now();
  ensureGridIndexes(db);
  refreshSummaries(db, key);
  afterLoad();
  return { writeMs, finishMs: performance.now() - t1 };
}
