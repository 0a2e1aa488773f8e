/** One row per profile that clicked: how often, how many links, first and last click. Paged by SQL. */
import { useCallback, useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useApi } from '../ApiProvider';
import type { DateRange } from '../../../shared/schemas/grid';
import { type ProfileColumnId, profileColumnList } from '../../../shared/columns/profileColumns';
import type { ProfileRow } from '../../../shared/schemas/views';
import { gridColumns } from './columns';
import { type BlockQuery, InfiniteGrid } from './InfiniteGrid';
import { ProfileCell, type ProfileContext } from './ProfileCell';
import { type ProfileFieldsControl, profileFieldColumnDefs, withNamedProfiles } from './profileFieldColumns';

const columnDefs: ColDef<ProfileRow>[] = gridColumns<ProfileRow, ProfileColumnId>(profileColumnList, {
  profile: { cellRenderer: ProfileCell, cellClass: 'link-cell-host' },
  lastClick: { flex: 1 },
});

export interface ProfilesViewProps {
  emailingKey: number;
  dateRange: DateRange;
  /** Changes when a sync wrote to the cache. */
  dataVersion: string;
  onClearDateRange(): void;
  context: ProfileContext;
  /** Who clicked: the account's chosen profile fields, shown as columns. */
  profileFields?: ProfileFieldsControl;
}

export function ProfilesView({
  emailingKey,
  dateRange,
  dataVersion,
  profileFields,
  ...rest
}: ProfilesViewProps) {
  const api = useApi();
  const chosen = profileFields?.columns?.settings.chosenFields;
  const named = (profileFields?.columns?.settings.nameFields.length ?? 0) > 0;
  const allColumns = useMemo(
    () => [
      ...withNamedProfiles(columnDefs, named),
      ...profileFieldColumnDefs<ProfileRow>(chosen ?? [], true),
    ],
    [chosen, named],
  );
  const fetchBlock = useCallback(
    (query: BlockQuery) => api.getProfilesBlock({ emailingKey, dateRange, ...query }),
    [api, emailingKey, dateRange],
  );
  const resetKey = useMemo(() => JSON.stringify([emailingKey, dateRange]), [emailingKey, dateRange]);
  const exportTarget = useMemo(
    () => ({ view: 'profiles' as const, emailingKey, dateRange }),
    [emailingKey, dateRange],
  );
  return (
    <InfiniteGrid<ProfileRow>
      gridId="profiles"
      label="Profiles"
      columnDefs={allColumns}
      fetchBlock={fetchBlock}
      resetKey={resetKey}
      dataVersion={`${dataVersion}/${profileFields?.version ?? 0}`}
      profileFields={profileFields}
      // Clicks without a profile are summed in one row of their own.
      getRowId={(row) => String(row.profile ?? 'none')}
      noun={['profile', 'profiles']}
      total={null}
      dateRangeActive={Boolean(dateRange.from || dateRange.to)}
      exportTarget={exportTarget}
      {...rest}
    />
  );
}
