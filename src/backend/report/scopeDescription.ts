/**
 * What the report covers, in words for its first page: the period ("The first 7 days after
 * sending." when the range starts at the send time and lasts whole days), the clicks grid's
 * filters by column, and whether suspected bots were left out.
 */
import { clickColumnList } from '../../shared/columns/clickColumns';
import type { ColumnFilter } from '../../shared/schemas/grid';
import { parseWallClock } from '../../shared/wallClock';
import type { ReportFormat } from './reportFormat';
import type { ReportTexts } from './reportTexts';
import type { ParsedScope } from './scopeSql';

const DAY = 86_400;

function conditionText(filter: ColumnFilter, format: ReportFormat, timeZone: string): string {
  const conditions = 'operator' in filter ? filter.conditions : [filter];
  const parts = conditions.map((c) => {
    if (c.filterType === 'text') return `${c.type} “${c.filter ?? ''}”`;
    if (c.filterType === 'number')
      return `${c.type} ${format.countOf(c.filter ?? null)}${c.filterTo != null ? `–${format.countOf(c.filterTo)}` : ''}`;
    return `${c.type} ${c.dateFrom ? format.wallClock(c.dateFrom, timeZone) : ''}${c.dateTo ? `–${format.wallClock(c.dateTo, timeZone)}` : ''}`;
  });
  return parts.join('operator' in filter ? ` ${filter.operator.toLowerCase()} ` : ', ');
}

export function periodText(
  scope: ParsedScope,
  sentAt: string | null,
  texts: ReportTexts,
  format: ReportFormat,
  timeZone: string,
  whole = texts.wholeEmailing,
): string {
  const from = scope.dateRange?.from ?? null;
  const to = scope.dateRange?.to ?? null;
  if (!from && !to) return whole;
  const sent = sentAt ? parseWallClock(sentAt) : null;
  const start = from ? parseWallClock(from) : null;
  const end = to ? parseWallClock(to) : null;
  if (
    sent !== null &&
    end !== null &&
    (start === null || start <= sent) &&
    end > sent &&
    (end - sent) % DAY === 0
  )
    return texts.firstDays((end - sent) / DAY);
  if (from && to) return texts.periodFromTo(format.wallClock(from, timeZone), format.wallClock(to, timeZone));
  if (from) return texts.periodFrom(format.wallClock(from, timeZone));
  return texts.periodTo(format.wallClock(to!, timeZone));
}

export function filterText(
  scope: ParsedScope,
  texts: ReportTexts,
  format: ReportFormat,
  timeZone: string,
): string | null {
  const entries = Object.entries(scope.filterModel);
  if (entries.length === 0) return null;
  const header = (id: string) => clickColumnList.find((c) => c.id === id)?.header ?? id;
  return (
    texts.filtered(entries.length) +
    entries.map(([id, filter]) => `${header(id)} ${conditionText(filter, format, timeZone)}`).join('; ') +
    '.'
  );
}
