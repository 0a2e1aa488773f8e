/**
 * Show and hide columns: a small popover with a checkbox per column (AG Grid's columns tool
 * panel is an Enterprise feature), and "Reset columns" back to the view's defaults (order,
 * widths, visibility, pinning). The grid stays the source of truth; the popover reads the
 * columns each time it opens.
 */
import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '../hooks/useDismiss';
import type { ColDef, GridApi } from 'ag-grid-community';
import { profileFieldOf } from '../../../shared/columns/profileFieldColumns';
import { defaultColumnState } from './gridState';
import type { ProfileFieldsControl } from './profileFieldColumns';

interface ColumnChoice {
  colId: string;
  label: string;
  visible: boolean;
}

/** The grid's own columns; the profile field columns are chosen in their own section. */
function choicesOf(api: GridApi): ColumnChoice[] {
  return (api.getColumns() ?? [])
    .filter((column) => profileFieldOf(column.getColId()) === null)
    .map((column) => ({
      colId: column.getColId(),
      label: column.getColDef().headerName ?? column.getColId(),
      visible: column.isVisible(),
    }));
}

export function ColumnChooser({
  api,
  defaults,
  profileFields,
}: {
  api: GridApi | null;
  defaults: readonly ColDef[];
  /** Who clicked: the database's fields to add as columns, and which name a profile. */
  profileFields?: ProfileFieldsControl | undefined;
}) {
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
          {profileFields?.columns && <ProfileFieldChoices control={profileFields} />}
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

/**
 * The account's profile fields: a checkbox per field of its databases (a column in both grids
 * and the exports, remembered for the account), and the field or two that name a profile.
 */
function ProfileFieldChoices({ control }: { control: ProfileFieldsControl }) {
  const columns = control.columns;
  if (!columns) return null;
  const { availableFields, settings } = columns;
  const chosen = settings.chosenFields;
  if (availableFields.length === 0) {
    return (
      <>
        <p className="column-chooser-note">
          Profile fields appear here once the clicking profiles were fetched (after a refresh).
        </p>
        <ProfileDataSettings control={control} />
      </>
    );
  }
  const toggle = (field: string, on: boolean) =>
    control.update({
      chosenFields: on ? [...chosen.filter((f) => f !== field), field] : chosen.filter((f) => f !== field),
    });
  const nameOptions: string[][] = [
    [],
    ...availableFields.map((f) => [f]),
    ...(availableFields.includes('firstname') && availableFields.includes('lastname')
      ? [['firstname', 'lastname']]
      : []),
  ];
  const nameValue = JSON.stringify(settings.nameFields);
  return (
    <div role="group" aria-label="Profile fields">
      <p className="column-chooser-title">Profile fields</p>
      {availableFields.map((field) => (
        <label key={field} className="column-chooser-item">
          <input
            type="checkbox"
            checked={chosen.includes(field)}
            onChange={(event) => toggle(field, event.target.checked)}
          />
          {field}
        </label>
      ))}
      <label className="column-chooser-item">
        Name profiles by
        <select
          aria-label="Name profiles by"
          value={nameOptions.some((o) => JSON.stringify(o) === nameValue) ? nameValue : '[]'}
          onChange={(event) => control.update({ nameFields: JSON.parse(event.target.value) as string[] })}
        >
          {nameOptions.map((option) => (
            <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
              {option.length === 0 ? 'ID only' : option.join(' + ')}
            </option>
          ))}
        </select>
      </label>
      <ProfileDataSettings control={control} />
    </div>
  );
}

const retentionChoices = [null, 30, 90, 365] as const;

/** The account's profile data: fetched on refresh or not, the exports' default, how long it is kept. */
function ProfileDataSettings({ control }: { control: ProfileFieldsControl }) {
  const settings = control.columns?.settings;
  if (!settings) return null;
  return (
    <div role="group" aria-label="Profile data">
      <p className="column-chooser-title">Profile data of this account</p>
      <label className="column-chooser-item">
        <input
          type="checkbox"
          checked={settings.fetchProfiles}
          onChange={(event) => control.update({ fetchProfiles: event.target.checked })}
        />
        Fetch the clickers’ fields on refresh
      </label>
      <label className="column-chooser-item">
        <input
          type="checkbox"
          checked={settings.leaveOutPersonalData}
          onChange={(event) => control.update({ leaveOutPersonalData: event.target.checked })}
        />
        Exports leave out personal data by default
      </label>
      <label className="column-chooser-item">
        Keep fetched fields
        <select
          aria-label="Keep fetched fields"
          value={String(settings.retentionDays)}
          onChange={(event) =>
            control.update({
              retentionDays: event.target.value === 'null' ? null : Number(event.target.value),
            })
          }
        >
          {retentionChoices.map((days) => (
            <option key={String(days)} value={String(days)}>
              {days === null ? 'until removed' : `${days} days`}
            </option>
          ))}
          {!retentionChoices.includes(settings.retentionDays as (typeof retentionChoices)[number]) && (
            <option value={String(settings.retentionDays)}>{settings.retentionDays} days</option>
          )}
        </select>
      </label>
    </div>
  );
}
