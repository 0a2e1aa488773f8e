/**
 * Column widths, order and visibility, remembered per grid through getGridState/saveGridState.
 * The saved state is applied to the column definitions before the grid first renders (no flash
 * of the default layout), and saved, debounced, whenever the user moves, resizes, shows or hides
 * a column.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ColDef, ColumnState, GridApi } from 'ag-grid-community';
import { useApi } from '../ApiProvider';
import { useQuery } from '../hooks/useQuery';
import type { GridId, GridState } from '../../../shared/schemas/views';

/** The saved layout applied to `defs`: saved columns in saved order, new columns after them. */
export function applyGridState<T>(defs: ColDef<T>[], state: GridState | null): ColDef<T>[] {
  if (!state) return defs;
  const byId = new Map(defs.map((def) => [def.colId ?? def.field, def]));
  const ordered: ColDef<T>[] = [];
  for (const saved of state.columns) {
    const def = byId.get(saved.colId);
    if (!def) continue;
    byId.delete(saved.colId);
    ordered.push({
      ...def,
      ...(saved.width !== undefined && { width: saved.width, flex: undefined }),
      ...(saved.hide !== undefined && { hide: saved.hide }),
    });
  }
  return [...ordered, ...byId.values()];
}

/** The view's default layout as column state: its list's order, widths and hidden columns. */
export function defaultColumnState(defaults: readonly ColDef[]): ColumnState[] {
  return defaults.map((def) => ({
    colId: def.colId ?? String(def.field),
    hide: def.hide ?? false,
    width: def.width,
    pinned: def.pinned ?? null,
  }));
}

export function gridStateOf(api: GridApi): GridState {
  return {
    columns: api
      .getColumnState()
      .slice(0, 50)
      .map((column) => ({
        colId: column.colId,
        width: column.width == null ? undefined : Math.min(2000, Math.max(20, Math.round(column.width))),
        hide: column.hide ?? false,
      })),
  };
}

const saveDelayMs = 400;

/**
 * `state` is undefined while loading, then the saved state or null. A grid without a saved
 * state, or whose state cannot be read, simply starts with the default layout.
 */
export function useGridState(gridId: GridId) {
  const api = useApi();
  const saved = useQuery(['gridState', gridId], () =>
    api.getGridState({ gridId }).catch((error: unknown) => {
      console.warn(`Could not read the saved layout of the ${gridId} grid`, error);
      return null;
    }),
  );
  const state = saved.loading ? undefined : saved.data;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<GridState | null>(null);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const snapshot = pending.current;
    pending.current = null;
    if (!snapshot) return;
    api.saveGridState({ gridId, state: snapshot }).catch((error: unknown) => {
      // Losing a column width is not worth interrupting the user for.
      console.warn(`Could not save the layout of the ${gridId} grid`, error);
    });
  }, [api, gridId]);

  // Leaving the view (or the window) must not lose a change still waiting for its save.
  useEffect(() => flush, [flush]);

  const scheduleSave = useCallback(
    (gridApi: GridApi) => {
      if (gridApi.isDestroyed()) return;
      // Taken now: by the time the timer fires the grid may be gone.
      pending.current = gridStateOf(gridApi);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, saveDelayMs);
    },
    [flush],
  );

  return { state, scheduleSave };
}
