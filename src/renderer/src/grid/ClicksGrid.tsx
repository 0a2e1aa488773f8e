/** Every cached click of the emailing, a block of 100 at a time, sorted and filtered by SQL. */
import { useCallback, useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useApi } from '../ApiProvider';
import type { DateRange, FilterModel } from '../../../shared/schemas/grid';
import type { ClickColumn, ClickRow } from '../../../shared/schemas/views';
import { clickColumns } from '../../../shared/schemas/views';
import { idColumn, textColumn, timeColumn } from './columns';
import { type BlockQuery, InfiniteGrid } from './InfiniteGrid';
import { ProfileCell, type ProfileContext } from './ProfileCell';

const definitions: Record<ClickColumn, ColDef<ClickRow>> = {
  id: idColumn('id', 'Click ID', 130),
  linkId: idColumn('linkId', 'Link ID', 100),
  link: textColumn('link', 'Link', 280),
  linkTitle: textColumn('linkTitle', 'Link title', 200),
  timestamp: timeColumn('timestamp', 'Clicked at', 190),
  ip: textColumn('ip', 'IP address', 140),
  userAgent: textColumn('userAgent', 'User agent', 260),
  referer: textColumn('referer', 'Referer', 180),
  destination: idColumn('destination', 'Destination', 120),
  profile: { ...idColumn('profile', 'Profile', 110), cellRenderer: ProfileCell, cellClass: 'link-cell-host' },
  subprofile: idColumn('subprofile', 'Subprofile', 120),
};

export const clickColumnDefs: ColDef<ClickRow>[] = clickColumns.map((column) => definitions[column]);

export interface ClicksGridProps {
  emailingKey: number;
  dateRange: DateRange;
  /** Changes when a sync wrote to the cache. */
  dataVersion: string;
  total: number;
  onClearDateRange(): void;
  onFilterModelChange(model: FilterModel): void;
  context: ProfileContext;
}

export function ClicksGrid({ emailingKey, dateRange, dataVersion, ...rest }: ClicksGridProps) {
  const api = useApi();
  const fetchBlock = useCallback(
    (query: BlockQuery) => api.getClicksBlock({ emailingKey, dateRange, ...query }),
    [api, emailingKey, dateRange],
  );
  const resetKey = useMemo(() => JSON.stringify([emailingKey, dateRange]), [emailingKey, dateRange]);
  const exportTarget = useMemo(
    () => ({ view: 'clicks' as const, emailingKey, dateRange }),
    [emailingKey, dateRange],
  );
  return (
    <InfiniteGrid<ClickRow>
      gridId="clicks"
      label="Clicks"
      columnDefs={clickColumnDefs}
      fetchBlock={fetchBlock}
      resetKey={resetKey}
      dataVersion={dataVersion}
      getRowId={(row) => String(row.id)}
      noun={['click', 'clicks']}
      dateRangeActive={Boolean(dateRange.from || dateRange.to)}
      exportTarget={exportTarget}
      {...rest}
    />
  );
}
