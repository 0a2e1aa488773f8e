/** Every cached click of the emailing, a block of 100 at a time, sorted and filtered by SQL. */
import { useCallback, useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useApi } from '../ApiProvider';
import type { DateRange, FilterModel } from '../../../shared/schemas/grid';
import { type ClickColumnId, clickColumnList } from '../../../shared/columns/clickColumns';
import type { ClickRow } from '../../../shared/schemas/views';
import { gridColumns } from './columns';
import { type BlockQuery, InfiniteGrid } from './InfiniteGrid';
import { ProfileCell, type ProfileContext } from './ProfileCell';

const columnDefs: ColDef<ClickRow>[] = gridColumns<ClickRow, ClickColumnId>(clickColumnList, {
  profile: { cellRenderer: ProfileCell, cellClass: 'link-cell-host' },
});

export interface ClicksGridProps {
  emailingKey: number;
  dateRange: DateRange;
  /** Changes when a sync wrote to the cache. */
  dataVersion: string;
  total: number;
  /** The "Leave out suspected bots" switch. */
  excludeBots: boolean;
  onClearDateRange(): void;
  onFilterModelChange(model: FilterModel): void;
  context: ProfileContext;
}

export function ClicksGrid({ emailingKey, dateRange, dataVersion, excludeBots, ...rest }: ClicksGridProps) {
  const api = useApi();
  const fetchBlock = useCallback(
    (query: BlockQuery) => api.getClicksBlock({ emailingKey, dateRange, excludeBots, ...query }),
    [api, emailingKey, dateRange, excludeBots],
  );
  const resetKey = useMemo(
    () => JSON.stringify([emailingKey, dateRange, excludeBots]),
    [emailingKey, dateRange, excludeBots],
  );
  const exportTarget = useMemo(
    () => ({ view: 'clicks' as const, emailingKey, dateRange, excludeBots }),
    [emailingKey, dateRange, excludeBots],
  );
  return (
    <InfiniteGrid<ClickRow>
      gridId="clicks"
      label="Clicks"
      columnDefs={columnDefs}
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
