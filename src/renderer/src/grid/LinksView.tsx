/**
 * One row per link: clicks, unique profiles, its share of the clicks, first and last click. A
 * mailing has tens of links, not millions, so the grid holds them all and sorts and filters
 * them itself.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { SystemLinkKind } from '../../../shared/linkKinds';
import { type LinkGridRow, linkGridRows } from './linkDisplay';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ICellRendererParams } from 'ag-grid-community';
import { useApi } from '../ApiProvider';
import type { DateRange, FilterModel } from '../../../shared/schemas/grid';
import { type LinkColumnId, linkColumnList } from '../../../shared/columns/linkColumns';
import { parseWallClock } from '../../../shared/wallClock';
import { gridTheme, oneTabStop } from './agGrid';
import { useNamedFilterButtons } from './useNamedFilterButtons';
import { useHorizontalOverflow } from './useHorizontalOverflow';
import { formatShare } from './cellFormat';
import { ColumnChooser } from './ColumnChooser';
import { FilterChips } from './FilterChips';
import { hasFilters, toFilterModel } from './queryModels';
import { filterParams, gridColumns } from './columns';
import { applyGridState, useGridState } from './gridState';
import { ExportMenu, type ExportScope } from '../export/ExportMenu';
import { ExportStatus } from '../export/ExportStatus';
import { useExportJob } from '../export/exportJobs';
import { displayedColumns, filterModelOf, sortModelOf } from '../export/gridExport';
import { formatCount } from '../format';
import { useQuery } from '../hooks/useQuery';
import './grid.css';

const systemLinkLabels: Record<SystemLinkKind, string> = {
  webversion: 'Web version',
  unsubscribe: 'Unsubscribe',
  profile: 'Profile page',
  social: 'Sharing',
};

function ShareCell({ value, data }: ICellRendererParams<LinkGridRow, number>) {
  if (value === null || value === undefined) return null;
  const scale = data?.barScale ?? 0;
  return (
    <span className="share">
      <span className="share-bar" aria-hidden="true">
        <span className="share-fill" style={{ width: `${Math.max(scale * 100, value > 0 ? 1 : 0)}%` }} />
      </span>
      <span className="share-text">{formatShare(value)}</span>
    </span>
  );
}

/** The title, and which of Copernica's system links this is (kept apart in every ranking). */
function TitleCell({ value, data }: ICellRendererParams<LinkGridRow, string | null>) {
  const kind = data?.kind ?? 'content';
  return (
    <span className="link-title-cell">
      {kind !== 'content' && (
        <span className="badge badge-system" title="A link Copernica adds to every mailing">
          {systemLinkLabels[kind]}
        </span>
      )}
      <span className="cell-text">{value}</span>
    </span>
  );
}

/** The short address; the full one on hover and on the clipboard. */
function AddressCell({ value, data }: ICellRendererParams<LinkGridRow, string | null>) {
  const [copied, setCopied] = useState(false);
  if (!value) return null;
  function copy() {
    navigator.clipboard.writeText(value!).then(
      () => setCopied(true),
      (error: unknown) => console.warn('Could not copy the link', error),
    );
  }
  return (
    <span className="address-cell">
      <span className="cell-text" title={value}>
        {data?.shortLink ?? value}
      </span>
      <button
        type="button"
        className="icon-button copy-link"
        aria-label="Copy link"
        title={copied ? 'Copied' : 'Copy link'}
        onClick={copy}
        onBlur={() => setCopied(false)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          {copied ? (
            <path d="m5 12 5 5 9-10" />
          ) : (
            <>
              <rect x="9" y="9" width="11" height="11" rx="2" />
              <path d="M5 15V6a2 2 0 0 1 2-2h8" />
            </>
          )}
        </svg>
      </button>
    </span>
  );
}

/** The client-side date filter compares midnight-based local Dates; read the wall clock the same way. */
function compareWallClock(filterDate: Date, cellValue: string | null): number {
  const wall = cellValue ? parseWallClock(cellValue) : null;
  if (wall === null) return -1;
  // Wall seconds read as UTC carry the wall clock's fields; rebuild them as a local Date.
  const fields = new Date(wall * 1000);
  const cell = new Date(
    fields.getUTCFullYear(),
    fields.getUTCMonth(),
    fields.getUTCDate(),
    fields.getUTCHours(),
    fields.getUTCMinutes(),
    fields.getUTCSeconds(),
  ).getTime();
  return cell === filterDate.getTime() ? 0 : cell < filterDate.getTime() ? -1 : 1;
}

/** The grid sorts and filters the links itself: dates are compared as the wall clock they are. */
const clientDateFilter = { filterParams: { ...filterParams.date, comparator: compareWallClock } };

const columnDefs: ColDef<LinkGridRow>[] = gridColumns<LinkGridRow, LinkColumnId>(linkColumnList, {
  clicks: { sort: 'desc' },
  share: { cellRenderer: ShareCell },
  linkTitle: { cellRenderer: TitleCell },
  // The cell shows its own tooltip (the full address) on the text, not over the copy button.
  link: { cellRenderer: AddressCell, tooltipField: undefined },
  firstClick: clientDateFilter,
  lastClick: clientDateFilter,
});

interface Props {
  emailingKey: number;
  dateRange: DateRange;
  /** Changes when a sync wrote to the cache. */
  dataVersion: string;
  onClearDateRange(): void;
}

export function LinksView({ emailingKey, dateRange, dataVersion, onClearDateRange }: Props) {
  const gridBody = useRef<HTMLDivElement>(null);
  useNamedFilterButtons(gridBody);
  const { overflow, update: updateOverflow } = useHorizontalOverflow(gridBody);
  const api = useApi();
  const { state: savedState, scheduleSave } = useGridState('links');
  // After a sync the last answer stays on screen until the new one is in: no flash of "Loading".
  const links = useQuery(
    ['links', emailingKey, dateRange, dataVersion],
    () => api.getLinks({ emailingKey, dateRange }),
    { keepPrevious: true },
  );
  const data = links.data;
  // Try again shows the grid loading, not the failure it answers.
  const failure = links.loading ? null : links.error;
  const [gridApi, setGridApi] = useState<GridApi<LinkGridRow> | null>(null);
  const [shown, setShown] = useState<number | null>(null);

  const defs = useMemo(() => applyGridState(columnDefs, savedState ?? null), [savedState]);
  const saveLayout = useCallback(
    (event: { api: GridApi; finished?: boolean; source?: string }) => {
      if (event.finished === false || event.source === 'gridInitializing') return;
      scheduleSave(event.api);
    },
    [scheduleSave],
  );
  const [filterModel, setFilterModel] = useState<FilterModel>({});
  const filtered = hasFilters(filterModel);
  const periodSet = Boolean(dateRange.from || dateRange.to);

  const rows = useMemo(() => (data ? linkGridRows(data.rows) : null), [data]);
  const count = shown ?? rows?.length ?? null;
  const exportJob = useExportJob();
  const exportQuery = useCallback(
    (scope: ExportScope) => {
      if (!gridApi || gridApi.isDestroyed()) return null;
      return {
        view: 'links' as const,
        emailingKey,
        sortModel: sortModelOf(gridApi),
        columns: displayedColumns(gridApi),
        ...(scope === 'visible' ? { filterModel: filterModelOf(gridApi), dateRange } : { filterModel: {} }),
      };
    },
    [gridApi, emailingKey, dateRange],
  );
  return (
    <div className="grid-view">
      <div className="grid-toolbar">
        <span className="row-count" role="status" data-testid="links-row-count">
          {rows === null
            ? 'Loading…'
            : `${formatCount(count ?? 0)} ${count === 1 ? 'link' : 'links'} · ${formatCount(data!.totalClicks)} clicks`}
        </span>
        <div className="grid-toolbar-actions">
          <ColumnChooser api={gridApi as GridApi | null} defaults={columnDefs as ColDef[]} />
          <ExportMenu
            control={exportJob}
            what="links"
            shownRows={rows === null ? null : count}
            allRows={null}
            scopes
            query={exportQuery}
          />
        </div>
      </div>
      <FilterChips
        api={gridApi as GridApi | null}
        filterModel={filterModel}
        dateRange={dateRange}
        onClearDateRange={onClearDateRange}
      />
      <ExportStatus control={exportJob} what="links" />
      {failure && (
        <div className="inline-error" role="alert">
          <span>
            <strong>The links could not be loaded.</strong> {failure.message}
          </span>
          <button type="button" className="button" onClick={links.reload}>
            Retry
          </button>
        </div>
      )}
      <div
        ref={gridBody}
        className={overflow.right ? 'grid-body overflows-right' : 'grid-body'}
        data-overflow={overflow.right ? 'right' : undefined}
        role="region"
        aria-label="Links"
      >
        {savedState !== undefined && (
          <AgGridReact<LinkGridRow>
            theme={gridTheme}
            {...oneTabStop}
            rowData={rows}
            loading={rows === null && !failure}
            columnDefs={defs}
            defaultColDef={defaultColDef}
            getRowId={(params) => String(params.data.linkId ?? params.data.link ?? '')}
            onGridReady={(event) => setGridApi(event.api)}
            onColumnResized={(event) => {
              saveLayout(event);
              updateOverflow();
            }}
            onColumnMoved={saveLayout}
            onColumnVisible={saveLayout}
            onModelUpdated={(event) => setShown(event.api.getDisplayedRowCount())}
            onFilterChanged={(event) =>
              setFilterModel(toFilterModel(event.api.getFilterModel() as Record<string, unknown>))
            }
            suppressNoRowsOverlay
            alwaysShowHorizontalScroll
            onGridSizeChanged={updateOverflow}
            onDisplayedColumnsChanged={updateOverflow}
            onFirstDataRendered={updateOverflow}
            enableCellTextSelection
            tooltipShowDelay={600}
          />
        )}
        {rows !== null && count === 0 && (
          <div className="grid-empty" role="note">
            {filtered ? (
              <>
                <p>No links match this filter.</p>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    gridApi?.setFilterModel(null);
                    if (periodSet) onClearDateRange();
                  }}
                >
                  Clear filters
                </button>
              </>
            ) : periodSet ? (
              <>
                <p>No clicks in this period.</p>
                <button type="button" className="button" onClick={onClearDateRange}>
                  Show the whole emailing
                </button>
              </>
            ) : (
              <p>No clicks cached for this emailing yet.</p>
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
