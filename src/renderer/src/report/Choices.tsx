/** A labelled row of exclusive choices (the report dialog's format, language and number format). */
import { useId } from 'react';

interface Props<T extends string> {
  legend: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}

export function Choices<T extends string>({ legend, value, options, onChange }: Props<T>) {
  const legendId = useId();
  const name = useId();
  return (
    <fieldset className="field">
      <legend id={legendId}>{legend}</legend>
      <div className="segmented" role="radiogroup" aria-labelledby={legendId}>
        {options.map(([option, label]) => (
          <label key={option} className={value === option ? 'segment checked' : 'segment'}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
