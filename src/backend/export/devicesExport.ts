/**
 * The Devices view as a file (the CLI's `export --view devices`): one row per device type, OS
 * and client, with its clicks and unique clickers. Its title says whether the suspected bots
 * were left out, as every exported view does.
 */
import type Database from 'better-sqlite3';
import type { ExportFormat, ExportResult } from '../../shared/schemas/export';
import { devicesView } from '../devices/devicesView';
import type { CsvFormat } from './csvFormat';
import { type ExportControl, writeExport } from './exportFile';
import type { ExportColumn } from './table';

const dimensionLabel = { device: 'Device type', os: 'Operating system', client: 'Browser or mail client' };

/** The count columns' headers say which clicks they count, in CSV as in xlsx. */
const columns = (excludeBots: boolean): ExportColumn[] => [
  { header: 'Breakdown', kind: 'text' },
  { header: 'Value', kind: 'text' },
  { header: `Clicks (${botsNote(excludeBots)})`, kind: 'count' },
  { header: `Unique clickers (${botsNote(excludeBots)})`, kind: 'count' },
];

/** How a title or a file says which clicks it holds. */
export function botsNote(excludeBots: boolean): string {
  return excludeBots ? 'suspected bots left out' : 'suspected bots included';
}

export async function exportDevices(
  db: Database.Database,
  emailingKey: number,
  emailingId: number,
  options: ExportControl & { out: string; format: ExportFormat; csv: CsvFormat; excludeBots?: boolean },
): Promise<ExportResult> {
  const excludeBots = options.excludeBots ?? false;
  const view = devicesView(db, emailingKey, excludeBots);
  const { rows, sheets } = await writeExport(
    options.out,
    options.format === 'csv'
      ? { kind: 'csv', csv: options.csv }
      : { kind: 'xlsx', xlsx: { title: `Devices of emailing ${emailingId} (${botsNote(excludeBots)})` } },
    [
      {
        name: 'Devices',
        columns: columns(excludeBots),
        total: view.rows.length,
        rows: view.rows.map((r) => [dimensionLabel[r.dimension], r.value, r.clicks, r.uniqueClickers]),
      },
    ],
    options,
  );
  return { rows, sheets, out: options.out };
}
