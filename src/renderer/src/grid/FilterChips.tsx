/**
 * The active filters above a grid: the period and each column filter as a chip with its own
 * remove button, and "Clear all", which clears the period too (the views share it).
 */
import type { GridApi } from 'ag-grid-community';
import type { DateRange, FilterModel } from '../../../shared/schemas/grid';
import { CrossIcon } from '../ui/CrossIcon';
import { describeFilter, describePeriod } from './filterChips';

interface Props {
  api: GridApi | null;
  filterModel: FilterModel;
  dateRange: DateRange | null;
  onClearDateRange?: () => void;
}

interface Chip {
  id: string;
  text: string;
  removeLabel: string;
  remove(): void;
}

export function FilterChips({ api, filterModel, dateRange, onClearDateRange }: Props) {
  const chips: Chip[] = [];
  const period = dateRange ? describePeriod(dateRange) : null;
  if (period && onClearDateRange)
    chips.push({ id: 'period', text: period, removeLabel: 'Remove the period', remove: onClearDateRange });
  for (const [colId, filter] of Object.entries(filterModel)) {
    const header = api?.getColumn(colId)?.getColDef().headerName ?? colId;
    chips.push({
      id: colId,
      text: describeFilter(header, filter),
      removeLabel: `Remove the ${header} filter`,
      remove: () => {
        if (!api) return;
        void api.setColumnFilterModel(colId, null).then(() => api.onFilterChanged());
      },
    });
  }
  if (chips.length === 0) return null;

  function clearAll() {
    api?.setFilterModel(null);
    if (period) onClearDateRange?.();
  }

  return (
    <div className="filter-chips" role="group" aria-label="Active filters" data-testid="filter-chips">
      <span className="filter-chips-label">Showing only</span>
      <ul className="filter-chip-list">
        {chips.map((chip) => (
          <li key={chip.id} className="filter-chip">
            <span className="filter-chip-text" title={chip.text}>
              {chip.text}
            </span>
            <button
              type="button"
              className="filter-chip-remove"
              aria-label={chip.removeLabel}
              title={chip.removeLabel}
              onClick={chip.remove}
            >
              <CrossIcon />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button filter-chips-clear" onClick={clearAll}>
        Clear all
      </button>
    </div>
  );
}
