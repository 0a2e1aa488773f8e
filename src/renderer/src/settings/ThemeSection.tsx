import { useId, useState } from 'react';
import { readThemeChoice, saveThemeChoice, type ThemeChoice } from '../theme/themePreference';

const labels: Record<ThemeChoice, string> = {
  system: 'As the system',
  light: 'Light',
  dark: 'Dark',
};

/**
 * The theme, applied as soon as it is picked (a look is judged by looking at it), and kept on
 * this computer apart from the settings the form saves.
 */
export function ThemeSection() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  const name = useId();
  const hint = useId();
  return (
    <section className="settings-section">
      <h3 className="section-label">Appearance</h3>
      <div className="field field-inline" role="radiogroup" aria-label="Theme" aria-describedby={hint}>
        {(Object.keys(labels) as ThemeChoice[]).map((value) => (
          <label key={value} className="radio-option">
            <input
              type="radio"
              name={name}
              value={value}
              checked={choice === value}
              onChange={() => {
                setChoice(value);
                saveThemeChoice(value);
              }}
            />
            {labels[value]}
          </label>
        ))}
      </div>
      <p id={hint} className="field-hint">
        Applies at once. “As the system” follows the light or dark setting of your computer.
      </p>
    </section>
  );
}
