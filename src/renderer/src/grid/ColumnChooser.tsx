/**
 * Show and hide columns: a small popover with a checkbox per column (AG Grid's columns tool
 * panel is an Enterprise feature), and "Reset columns" back to the view's defaults (order,
 * widths, visibility, pinning). The grid stays the source of truth; the popover reads the
 * columns each time it opens.
 */
import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '../hooks/useDismiss';
import type { ColDef, GridApi } from 'ag-grid-community';
import { defaultColumnState } from './gridState';

interface ColumnChoice {
  colId: string;
  label: string;
  visible: boolean;
}

function choicesOf(api: GridApi): ColumnChoice[] {
  return (api.getColumns() ?? []).map((column) => ({
    colId: column.getColId(),
    label: column.getColDef().headerName ?? column.getColId(),
    visible: column.isVisible(),
  }));
}

export function ColumnChooser({ api, defaults }: { api: GridApi | null; defaults: readonly ColDef[] }) {
  const [choices, setChoices] = useState<ColumnChoice[] | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const open = choices !== null;
  const closeChooser = useCallback(() => setChoices(null), []);

  useDismiss(open, root, button, closeChooser);

  function toggle(colId: string, visible: boolean) {
    if (!api) return;
    api.setColumnsVisible([colId], visible);
    setChoices(choicesOf(api));
  }

  const visibleCount = choices?.filter((c) => c.visible).length ?? 0;

  return (
    <div className="column-chooser" ref={root}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={!api}
        onClick={() => setChoices(open || !api ? null : choicesOf(api))}
      >
        Columns
      </button>
      {choices && (
        <div className="column-chooser-panel" id={panelId} role="group" aria-label="Visible columns">
          <p className="column-chooser-title">Show columns</p>
          {choices.map((choice) => (
            <label key={choice.colId} className="column-chooser-item">
              <input
                type="checkbox"
                checked={choice.visible}
                // The last visible column stays: a grid without columns helps nobody.
                disabled={choice.visible && visibleCount === 1}
                onChange={(event) => toggle(choice.colId, event.target.checked)}
              />
              {choice.label}
            </label>
          ))}
          <button
            type="button"
            className="link-button"
            disabled={visibleCount === choices.length}
            onClick={() => {
              if (!api) return;
              api.setColumnsVisible(
                choices.map((c) => c.colId),
                true,
              );
              setChoices(choicesOf(api));
            }}
          >
            Show all
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (!api) return;
              // The grid's column events save this as the layout, as a change by hand would be.
              api.applyColumnState({ state: defaultColumnState(defaults), applyOrder: true });
              setChoices(choicesOf(api));
            }}
          >
            Reset columns
          </button>
        </div>
      )}
    </div>
  );
}
