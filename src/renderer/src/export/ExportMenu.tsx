/**
 * The Export button of a view and its small menu: what I see (the grid's filter, sort, column
 * order and visible columns) or all rows, Excel or CSV, and the CSV options (delimiter from the
 * computer's locale, byte order mark, formula protection). The choices are kept for the session.
 * Where the file goes is asked by main's save dialog, never here. An emailing whose last sync did
 * not finish is exported all the same, with a warning here first.
 */
import { isShown, useAppCommand } from '../commands/AppCommands';
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useDismiss } from '../hooks/useDismiss';
import { useApi } from '../ApiProvider';
import type { ExportViewInput } from '../../../shared/schemas/export';
import { formatCount } from '../format';
import { type ExportFormatChoice, useExportChoiceMemory } from './exportChoice';
import type { ExportJobControl } from './exportJobs';
import { IncompleteSyncWarning } from './IncompleteSyncWarning';
import './export.css';

export type ExportScope = 'visible' | 'all';

/** The view's part of the request; the menu adds the format and the CSV options. */
export type ExportQuery = Omit<ExportViewInput, 'format' | 'csv'>;

interface Choice extends ExportFormatChoice {
  scope: ExportScope;
}

export interface ExportMenuProps {
  control: ExportJobControl;
  /** `clicks`, `links`, …: names the menu for assistive technology and tests. */
  what: string;
  /** Rows the view shows now; null while counting. */
  shownRows: number | null;
  /** Rows without filters, when known. */
  allRows: number | null;
  /** Whether the view can be narrowed at all (the drill-down cannot: it is all its rows). */
  scopes: boolean;
  /** The request for a scope, read from the grid when Export is pressed; null if the grid is not ready. */
  query(scope: ExportScope): ExportQuery | null;
  /**
   * Offers "Leave out personal data" (profile fields, IP addresses, user agents, referers),
   * ticked by default when the account says so; absent where a view has none to leave out.
   */
  personalDataDefault?: boolean;
}

export function ExportMenu({
  control,
  what,
  shownRows,
  allRows,
  scopes,
  query,
  personalDataDefault,
}: ExportMenuProps) {
  const offersPersonalData = personalDataDefault !== undefined;
  // The account's default, unless ticked otherwise since the menu opened.
  const [leaveOutChoice, setLeaveOut] = useState<boolean | null>(null);
  const leaveOut = leaveOutChoice ?? personalDataDefault ?? false;
  const api = useApi();
  const lastChoice = useExportChoiceMemory();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>(() => ({ scope: 'visible', ...lastChoice.current }));
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const name = useId();
  const closeMenu = useCallback(() => setOpen(false), []);
  // Read when the menu opens; the drill-down spans the account's emailings, so no one sync speaks for it.
  const [emailingKey, setEmailingKey] = useState<number | null>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLInputElement>('input:checked, input, select')?.focus();
  }, [open]);
  useDismiss(open, root, button, closeMenu);

  function update(next: Partial<Choice>) {
    setChoice((current) => {
      const merged = { ...current, ...next };
      lastChoice.current = { format: merged.format, csv: merged.csv };
      return merged;
    });
  }

  function run() {
    const request = query(scopes ? choice.scope : 'visible');
    if (!request) return;
    setOpen(false);
    button.current?.focus();
    control.start(() =>
      api.exportView({
        ...request,
        ...(offersPersonalData && leaveOut ? { leaveOutPersonalData: true } : {}),
        format: choice.format,
        ...(choice.format === 'csv' ? { csv: choice.csv } : {}),
      }),
    );
  }

  const rows = (n: number | null) => (n === null ? '' : ` (${formatCount(n)} ${n === 1 ? 'row' : 'rows'})`);

  // Ctrl/Cmd+E opens the menu of the view on screen (a hidden tab's menu stands aside).
  useAppCommand(
    'exportView',
    () => button.current?.click(),
    () => !control.busy && !open && isShown(button.current),
  );

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        disabled={control.busy}
        onClick={() => {
          const request = query('visible');
          setEmailingKey(request && request.view !== 'profileClicks' ? request.emailingKey : null);
          setLeaveOut(null);
          setOpen(!open);
        }}
      >
        Export
      </button>
      {open && (
        <div
          ref={panel}
          className="export-panel"
          id={panelId}
          role="dialog"
          aria-label={`Export ${what}`}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
              event.preventDefault();
              run();
            }
          }}
        >
          {emailingKey !== null && <IncompleteSyncWarning emailingKey={emailingKey} />}
          {scopes && (
            <ExportGroup legend="Rows">
              <ExportRadio
                name={`${name}-scope`}
                checked={choice.scope === 'visible'}
                onChoose={() => update({ scope: 'visible' })}
              >
                <span>
                  What I see{rows(shownRows)}
                  <span className="export-hint">This filter, sort and these columns</span>
                </span>
              </ExportRadio>
              <ExportRadio
                name={`${name}-scope`}
                checked={choice.scope === 'all'}
                onChoose={() => update({ scope: 'all' })}
              >
                <span>
                  All rows{rows(allRows)}
                  <span className="export-hint">No filter or period, these columns</span>
                </span>
              </ExportRadio>
            </ExportGroup>
          )}
          <ExportGroup legend="Format">
            <ExportRadio
              name={`${name}-format`}
              checked={choice.format === 'xlsx'}
              onChoose={() => update({ format: 'xlsx' })}
            >
              <span>Excel workbook (.xlsx)</span>
            </ExportRadio>
            <ExportRadio
              name={`${name}-format`}
              checked={choice.format === 'csv'}
              onChoose={() => update({ format: 'csv' })}
            >
              <span>CSV (.csv)</span>
            </ExportRadio>
          </ExportGroup>
          {choice.format === 'csv' && (
            <ExportGroup legend="CSV options">
              <label className="export-field">
                <span>Delimiter</span>
                <select
                  value={choice.csv.delimiter}
                  onChange={(event) =>
                    update({ csv: { ...choice.csv, delimiter: event.target.value === ';' ? ';' : ',' } })
                  }
                >
                  <option value=";">Semicolon ( ; )</option>
                  <option value=",">Comma ( , )</option>
                </select>
              </label>
              <CsvOption
                label="Byte order mark"
                hint="So that Excel reads accents and emoji right"
                checked={choice.csv.bom}
                onToggle={(bom) => update({ csv: { ...choice.csv, bom } })}
              />
              <CsvOption
                label="Protect against formulas"
                hint="Text starting with = + - @ is not run by Excel"
                checked={choice.csv.guardFormulas}
                onToggle={(guardFormulas) => update({ csv: { ...choice.csv, guardFormulas } })}
              />
            </ExportGroup>
          )}
          {offersPersonalData && (
            <ExportGroup legend="Privacy">
              <CsvOption
                label="Leave out personal data"
                hint="No profile fields, IP addresses, user agents or referers; profile IDs stay"
                checked={leaveOut}
                onToggle={setLeaveOut}
              />
            </ExportGroup>
          )}
          <div className="export-actions">
            <button type="button" className="button button-primary" onClick={run}>
              Export…
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** A group of the menu's choices under a small-caps legend. */
function ExportGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="export-group">
      <legend className="section-label">{legend}</legend>
      {children}
    </fieldset>
  );
}

/** One choice of a group: a radio button and what it chooses. */
function ExportRadio(props: { name: string; checked: boolean; onChoose: () => void; children: ReactNode }) {
  return (
    <label className="export-option">
      <input type="radio" name={props.name} checked={props.checked} onChange={props.onChoose} />
      {props.children}
    </label>
  );
}

interface CsvOptionProps {
  label: string;
  hint: string;
  checked: boolean;
  onToggle: (checked: boolean) => void;
}

/** A CSV option that is on or off, with a line on what it is for. */
function CsvOption({ label, hint, checked, onToggle }: CsvOptionProps) {
  return (
    <label className="export-option">
      <input type="checkbox" checked={checked} onChange={(event) => onToggle(event.target.checked)} />
      <span>
        {label}
        <span className="export-hint">{hint}</span>
      </span>
    </label>
  );
}
