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
import { type ProfileFieldsControl, profileFieldColumnDefs, withNamedProfiles } from './profileFieldColumns';

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
  /** Who clicked: the account's chosen profile fields, shown as columns. */
  profileFields?: ProfileFieldsControl;
}

export function ClicksGrid({
  emailingKey,
  dateRange,
  dataVersion,
  excludeBots,
  profileFields,
  ...rest
}: ClicksGridProps) {
  const api = useApi();
  const chosen = profileFields?.columns?.settings.chosenFields;
  const named = (profileFields?.columns?.settings.nameFields.length ?? 0) > 0;
  // The clicks grid filters by a profile field; only the Profiles view sorts by one.
  const allColumns = useMemo(
    () => [...withNamedProfiles(columnDefs, named), ...profileFieldColumnDefs<ClickRow>(chosen ?? [], false)],
    [chosen, named],
  );
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
      columnDefs={allColumns}
      fetchBlock={fetchBlock}
      resetKey={resetKey}
      dataVersion={`${dataVersion}/${profileFields?.version ?? 0}`}
      profileFields={profileFields}
      getRowId={(row) => String(row.id)}
      noun={['click', 'clicks']}
      dateRangeActive={Boolean(dateRange.from || dateRange.to)}
      exportTarget={exportTarget}
      {...rest}
    />
  );
}
