import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { supportedTimeZones } from './timeZones';

interface Props {
  value: string;
  onChange: (zone: string) => void;
  disabled?: boolean;
}

const shownAtMost = 80;

/**
 * A combobox over every IANA zone: type part of a name ("amster", "new_y", "tokyo") to narrow the
 * list, arrows to move, Enter to choose. The field only ever holds a zone from the list.
 */
export function TimeZoneField({ value, onChange, disabled = false }: Props) {
  const zones = useMemo(() => supportedTimeZones(), []);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputId = useId();
  const hintId = useId();

  const open = query !== null;
  const matches = useMemo(() => {
    if (query === null) return [];
    const words = query
      .toLowerCase()
      .replace(/[\s_/]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean);
    return zones
      .filter((zone) => {
        const name = zone.toLowerCase().replace(/[_/]+/g, ' ');
        return words.every((word) => name.includes(word));
      })
      .slice(0, shownAtMost);
  }, [query, zones]);

  useEffect(() => {
    if (open) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, listId]);

  function choose(zone: string) {
    onChange(zone);
    setQuery(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setQuery('');
        setActive(Math.max(0, zones.indexOf(value)));
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), Math.max(matches.length - 1, 0)));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const zone = matches[active];
      if (zone) choose(zone);
    } else if (event.key === 'Escape' && open) {
      // Closes the list, not the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  }

  const activeZone = open ? matches[active] : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>Time zone</label>
      <div className="combobox">
        <input
          id={inputId}
          className="input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-describedby={hintId}
          aria-activedescendant={activeZone ? `${listId}-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          value={query ?? value}
          placeholder="Search time zones"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onFocus={(event) => event.target.select()}
          onBlur={() => setQuery(null)}
        />
        {open && (
          <ul id={listId} role="listbox" className="combobox-list" aria-label="Time zones">
            {matches.length === 0 && <li className="combobox-empty">No time zone matches “{query}”.</li>}
            {matches.map((zone, index) => (
              <li
                key={zone}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={zone === value}
                className={index === active ? 'combobox-option active' : 'combobox-option'}
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(zone);
                }}
              >
                {zone.replaceAll('_', ' ')}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id={hintId} className="field-hint">
        Copernica writes click times without a zone; this is the zone the account uses.
      </p>
    </div>
  );
}
