/**
 * The period every view looks at, in the account's wall clock (the times Copernica shows):
 * the whole emailing, the first 24 hours or 7 days after sending, or any from/to.
 */
import { useId } from 'react';
import type { DateRange } from '../../../shared/schemas/grid';
import { addHours } from '../../../shared/wallClock';
import { fromInputValue, toInputValue } from './wallClock';

interface Props {
  value: DateRange;
  onChange(range: DateRange): void;
  /** The emailing's send time as wall clock, the start of the presets. */
  sentAt: string | null;
  timeZone: string;
}

interface Preset {
  id: string;
  label: string;
  hours: number | null;
}

const presets: Preset[] = [
  { id: 'all', label: 'Whole emailing', hours: null },
  { id: '24h', label: 'First 24 h', hours: 24 },
  { id: '7d', label: 'First 7 days', hours: 7 * 24 },
];

function rangeOf(preset: Preset, sentAt: string | null, zone: string): DateRange | null {
  if (preset.hours === null) return { from: null, to: null };
  if (!sentAt) return null;
  const to = addHours(sentAt, preset.hours, zone);
  return to ? { from: sentAt, to } : null;
}

function same(a: DateRange, b: DateRange): boolean {
  return (a.from ?? null) === (b.from ?? null) && (a.to ?? null) === (b.to ?? null);
}

export function DateRangeControl({ value, onChange, sentAt, timeZone }: Props) {
  return (
    <div className="date-range" role="group" aria-label="Period">
      <div className="segmented" role="group" aria-label="Period presets">
        {presets.map((preset) => {
          const range = rangeOf(preset, sentAt, timeZone);
          return (
            <button
              key={preset.id}
              type="button"
              disabled={!range}
              title={!range ? 'The emailing has no send time' : undefined}
              aria-pressed={range ? same(range, value) : false}
              onClick={() => range && onChange(range)}
            >
              {preset.label}
            </button>
          );
        })}
      </div>
      <DateField
        label="From"
        value={value.from}
        max={value.to}
        onChange={(from) => onChange({ ...value, from })}
      />
      <DateField
        label="To"
        note="excl."
        description="not included: the period ends just before this minute"
        value={value.to}
        min={value.from}
        onChange={(to) => onChange({ ...value, to })}
      />
      <span
        className="zone-note"
        title="Times are the wall clock of the account's time zone, as Copernica shows them"
      >
        {timeZone}
      </span>
    </div>
  );
}

interface DateFieldProps {
  label: string;
  value: string | null | undefined;
  /** The other end of the period, which this end may not pass. */
  min?: string | null;
  max?: string | null;
  /** Whether this end belongs to the period: short beside the field, in full when read with it. */
  note?: string;
  description?: string;
  onChange(value: string | null): void;
}

/** One end of the period, to the minute, in the account's wall clock. */
function DateField({ label, note, description, value, min, max, onChange }: DateFieldProps) {
  const noteId = useId();
  // The note is beside the label, not in it: it describes the field without renaming it.
  return (
    <span className="date-field-group">
      <label className="date-field">
        <span>{label}</span>
        <input
          aria-describedby={description ? noteId : undefined}
          type="datetime-local"
          step={60}
          value={toInputValue(value)}
          min={toInputValue(min) || undefined}
          max={toInputValue(max) || undefined}
          onChange={(event) => onChange(fromInputValue(event.target.value))}
        />
      </label>
      {note && (
        <span className="date-field-note" title={description}>
          <span aria-hidden="true">{note}</span>
          <span id={noteId} className="visually-hidden">
            {description}
          </span>
        </span>
      )}
    </span>
  );
}
