/**
 * Who clicked, in the grids: the account's chosen profile fields as columns (shown, filtered by
 * text, exported; sorted in the Profiles view), the fields its databases have for the column
 * chooser, and its "leave out personal data" default for the export menu. Loaded per account,
 * and again when a profile fetch finished (new fields, new values).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { useApi } from '../ApiProvider';
import { profileFieldColumnId } from '../../../shared/columns/profileFieldColumns';
import type { ProfileColumns, ProfileSettingsValue } from '../../../shared/schemas/profiles';

export interface ProfileFieldsControl {
  columns: ProfileColumns | null;
  /** Changes when a profile fetch finished, so that the grids reload their blocks. */
  version: number;
  update(settings: Partial<ProfileSettingsValue>): void;
}

export function useProfileFields(accountId: number): ProfileFieldsControl {
  const api = useApi();
  const [columns, setColumns] = useState<ProfileColumns | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .getProfileColumns({ accountId })
      .then((answer) => live && setColumns(answer))
      .catch((error: unknown) => console.error('getProfileColumns failed', error));
    return () => {
      live = false;
    };
  }, [api, accountId, version]);
  useEffect(
    () =>
      api.onProfileFetchProgress((progress) => {
        if (progress.phase === 'done') setVersion((v) => v + 1);
      }),
    [api],
  );
  const update = useCallback(
    (settings: Partial<ProfileSettingsValue>) => {
      // Shown at once; the backend's answer (the same, or what it kept) follows.
      setColumns((current) =>
        current ? { ...current, settings: { ...current.settings, ...settings } } : current,
      );
      api
        .updateProfileSettings({ accountId, settings })
        .then((answer) => {
          setColumns(answer);
          setVersion((v) => v + 1);
        })
        .catch((error: unknown) => console.error('updateProfileSettings failed', error));
    },
    [api, accountId],
  );
  return { columns, version, update };
}

type WithFields = { profileFields?: Record<string, string | null> };

/** The chosen fields as grid columns: text filters (contains, equals), sortable where the view can. */
export function profileFieldColumnDefs<Row extends WithFields>(
  fields: readonly string[],
  sortable: boolean,
): ColDef<Row>[] {
  return fields.map((field) => ({
    colId: profileFieldColumnId(field),
    headerName: field,
    width: 190,
    cellDataType: 'text',
    valueGetter: (params) => params.data?.profileFields?.[field] ?? null,
    tooltipValueGetter: (params) => (params.value as string | null) ?? '',
    filter: 'agTextColumnFilter',
    filterParams: { filterOptions: ['contains', 'equals'], maxNumConditions: 1, debounceMs: 300 },
    sortable,
  }));
}

/** A Profile column that shows names is wider than one that shows IDs. */
export function withNamedProfiles<Row>(columns: ColDef<Row>[], named: boolean): ColDef<Row>[] {
  return named ? columns.map((c) => (c.colId === 'profile' ? { ...c, width: 240 } : c)) : columns;
}
