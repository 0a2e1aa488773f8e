/**
 * A grid over rows the backend pages out (AG Grid's Infinite Row Model): one request per block
 * of 100 rows with the grid's sort and filter models, a bounded cache of blocks, the count of
 * matching rows above it, an empty state that says how to get rows back, and an inline error
 * with Retry when a block cannot be loaded.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { ExportViewName } from '../../../shared/schemas/export';
import type { DateRange, FilterModel, SortModel } from '../../../shared/schemas/grid';
import { ExportMenu, type ExportScope } from '../export/ExportMenu';
import { ExportStatus } from '../export/ExportStatus';
import { useExportJob } from '../export/exportJobs';
import { displayedColumns, filterModelOf, sortModelOf } from '../export/gridExport';
import { gridTheme, oneTabStop } from './agGrid';
import { useNamedFilterButtons } from './useNamedFilterButtons';
import { useHorizontalOverflow } from './useHorizontalOverflow';
import { ColumnChooser } from './ColumnChooser';
import { FilterChips } from './FilterChips';
import type { GridId } from '../../../shared/schemas/views';
import { applyGridState, useGridState } from './gridState';
import { openProfileOnEnter, type ProfileContext } from './ProfileCell';
import { hasFilters, toFilterModel, toSortModel } from './queryModels';
import { formatCount } from '../format';
import type { ProfileFieldsControl } from './profileFieldColumns';
import './grid.css';

export interface BlockQuery {
  startRow: number;
  endRow: number;
  sortModel: SortModel;
  filterModel: FilterModel;
}

export interface InfiniteGridProps<Row> {
  gridId: GridId;
  /** Names the grid for assistive technology and tests. */
  label: string;
  columnDefs: ColDef<Row>[];
  fetchBlock(query: BlockQuery): Promise<{ rows: Row[]; rowCount: number }>;
  /** When it changes (another date range), the grid starts over from the first block. */
  resetKey: string;
  /** When it changes (a sync wrote to the cache), the blocks reload where the user is. */
  dataVersion: string;
  getRowId(row: Row): string;
  /** `['click', 'clicks']`. */
  noun: readonly [string, string];
  /** Everything there is without filters (the emailing's cached clicks), when known. */
  total: number | null;
  dateRangeActive: boolean;
  onClearDateRange(): void;
  onFilterModelChange?(model: FilterModel): void;
  context: ProfileContext;
  /** What the Export menu exports: the view, the emailing and the period the grid shows. */
  exportTarget: { view: ExportViewName; emailingKey: number; dateRange: DateRange; excludeBots?: boolean };
  /** Who clicked: the account's profile field columns, for the column chooser and the export. */
  profileFields?: ProfileFieldsControl | undefined;
}

/** 100-row blocks, at most 10 of them kept: ~1,000 rows in memory wherever the user scrolls. */
const blockSize = 100;
const maxBlocks = 10;

/** What a block answer or failure belongs to: the period and the filter it was asked with. */
function queryKey(resetKey: string, filterModel: FilterModel): string {
  return JSON.stringify([resetKey, filterModel]);
}

export function InfiniteGrid<Row>(props: InfiniteGridProps<Row>) {
  const gridBody = useRef<HTMLDivElement>(null);
  useNamedFilterButtons(gridBody);
  const { overflow, update: updateOverflow } = useHorizontalOverflow(gridBody);
  const { state: savedState, scheduleSave } = useGridState(props.gridId);
  const [gridApi, setGridApi] = useState<GridApi<Row> | null>(null);
  const [filterModel, setFilterModel] = useState<FilterModel>({});
  // Answers are kept with the query they answer, so a late answer to an old filter or period
  // cannot pass for the current one.
  const [counted, setCounted] = useState<{ key: string; rowCount: number } | null>(null);
  const [failed, setFailed] = useState<{ key: string; message: string } | null>(null);
  const { fetchBlock, resetKey } = props;

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const filter = toFilterModel(params.filterModel as Record<string, unknown>);
        const key = queryKey(resetKey, filter);
        fetchBlock({
          startRow: params.startRow,
          endRow: params.endRow,
          sortModel: toSortModel(params.sortModel),
          filterModel: filter,
        })
          .then((block) => {
            params.successCallback(block.rows, block.rowCount);
            setCounted({ key, rowCount: block.rowCount });
            setFailed((last) => (last?.key === key ? null : last));
          })
          .catch((error: unknown) => {
            params.failCallback();
            setFailed({ key, message: error instanceof Error ? error.message : String(error) });
          });
      },
    }),
    [fetchBlock, resetKey],
  );

  // Fresh clicks from a sync: reload the blocks in place rather than jump back to the top.
  const seenVersion = useRef(props.dataVersion);
  useEffect(() => {
    if (seenVersion.current === props.dataVersion) return;
    seenVersion.current = props.dataVersion;
    gridApi?.refreshInfiniteCache();
  }, [gridApi, props.dataVersion]);

  const currentKey = queryKey(resetKey, filterModel);
  const rowCount = counted?.key === currentKey ? counted.rowCount : null;
  const failure = failed?.key === currentKey ? failed.message : null;
  const filtered = hasFilters(filterModel);

  // Rendered only once the saved layout is known, so this runs once with it.
  const columnDefs = useMemo(
    () => applyGridState(props.columnDefs, savedState ?? null),
    [props.columnDefs, savedState],
  );

  const { onFilterModelChange } = props;
  const filterChanged = useCallback(
    (event: { api: GridApi }) => {
      const model = toFilterModel(event.api.getFilterModel() as Record<string, unknown>);
      setFilterModel(model);
      onFilterModelChange?.(model);
    },
    [onFilterModelChange],
  );

  const onGridReady = useCallback((event: GridReadyEvent<Row>) => setGridApi(event.api), []);
  const saveLayout = useCallback(
    (event: { api: GridApi; finished?: boolean; source?: string }) => {
      if (event.finished === false || event.source === 'gridInitializing') return;
      scheduleSave(event.api);
    },
    [scheduleSave],
  );

  const exportJob = useExportJob();
  const { exportTarget } = props;
  const exportQuery = useCallback(
    (scope: ExportScope) => {
      if (!gridApi || gridApi.isDestroyed()) return null;
      const { view, emailingKey, dateRange, excludeBots } = exportTarget;
      return {
        view,
        emailingKey,
        ...(excludeBots ? { excludeBots } : {}),
        sortModel: sortModelOf(gridApi),
        columns: displayedColumns(gridApi),
        ...(scope === 'visible' ? { filterModel: filterModelOf(gridApi), dateRange } : { filterModel: {} }),
      };
    },
    [gridApi, exportTarget],
  );

  const [one, many] = props.noun;
  const narrowed = filtered || props.dateRangeActive;
  let countText: string;
  if (rowCount === null) countText = 'Counting…';
  else if (narrowed && props.total !== null)
    countText = `${formatCount(rowCount)} of ${formatCount(props.total)} ${props.total === 1 ? one : many}`;
  else countText = `${formatCount(rowCount)} ${rowCount === 1 ? one : many}`;

  function clearAll() {
    gridApi?.setFilterModel(null);
    if (props.dateRangeActive) props.onClearDateRange();
  }

  return (
    <div className="grid-view">
      <div className="grid-toolbar">
        <span className="row-count" role="status" data-testid={`${props.gridId}-row-count`}>
          {countText}
        </span>
        <div className="grid-toolbar-actions">
          <ColumnChooser
            api={gridApi as GridApi | null}
            defaults={props.columnDefs as ColDef[]}
            profileFields={props.profileFields}
          />
          <ExportMenu
            control={exportJob}
            what={props.label.toLowerCase()}
            shownRows={rowCount}
            allRows={props.total}
            scopes
            query={exportQuery}
            personalDataDefault={props.profileFields?.columns?.settings.leaveOutPersonalData ?? false}
          />
        </div>
      </div>
      <FilterChips
        api={gridApi as GridApi | null}
        filterModel={filterModel}
        dateRange={props.exportTarget.dateRange}
        onClearDateRange={props.onClearDateRange}
      />
      <ExportStatus control={exportJob} what={props.label.toLowerCase()} />
      {failure && (
        <div className="inline-error" role="alert">
          <span>
            <strong>Some rows could not be loaded.</strong> {failure}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => {
              setFailed(null);
              gridApi?.refreshInfiniteCache();
            }}
          >
            Retry
          </button>
        </div>
      )}
      <div
        ref={gridBody}
        className={overflow.right ? 'grid-body overflows-right' : 'grid-body'}
        data-overflow={overflow.right ? 'right' : undefined}
        role="region"
        aria-label={props.label}
      >
        {savedState !== undefined && (
          <AgGridReact<Row>
            theme={gridTheme}
            {...oneTabStop}
            rowModelType="infinite"
            // The backend orders by one column (ties by click ID, as its indexes do): a Shift-click
            // second sort would be shown but not applied.
            suppressMultiSort
            datasource={datasource}
            columnDefs={columnDefs}
            defaultColDef={defaultColDef}
            getRowId={(params) => props.getRowId(params.data)}
            cacheBlockSize={blockSize}
            maxBlocksInCache={maxBlocks}
            blockLoadDebounceMillis={120}
            maxConcurrentDatasourceRequests={2}
            infiniteInitialRowCount={blockSize}
            context={props.context}
            onGridReady={onGridReady}
            onFilterChanged={filterChanged}
            onColumnResized={(event) => {
              saveLayout(event);
              updateOverflow();
            }}
            onColumnMoved={saveLayout}
            onColumnVisible={saveLayout}
            onCellKeyDown={openProfileOnEnter}
            // A dozen columns at most: all rendered, so every floating filter is always there.
            suppressColumnVirtualisation
            // Columns past the right edge are there to scroll to: the bar says so, always.
            alwaysShowHorizontalScroll
            onGridSizeChanged={updateOverflow}
            onDisplayedColumnsChanged={updateOverflow}
            onFirstDataRendered={updateOverflow}
            suppressNoRowsOverlay
            enableCellTextSelection
            tooltipShowDelay={600}
          />
        )}
        {rowCount === 0 && !failure && (
          <div className="grid-empty" role="note">
            {narrowed ? (
              <>
                <p>No {many} match this filter.</p>
                <button type="button" className="button" onClick={clearAll}>
                  Clear filters
                </button>
              </>
            ) : (
              <p>No {many} cached for this emailing yet.</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

const defaultColDef: ColDef = {
  sortable: true,
  resizable: true,
  floatingFilter: true,
  suppressHeaderMenuButton: true,
  minWidth: 80,
};
