/**
 * The `<input type="datetime-local">` side of Copernica's wall clock: the field writes
 * `2025-03-04T09:00`, the contract wants `2025-03-04 09:00:00` (src/shared/wallClock.ts).
 */
import { readWallClockInput } from '../../../shared/wallClock';

/** `2025-03-04 09:00:00` → `2025-03-04T09:00`, the value of an `<input type="datetime-local">`. */
export function toInputValue(text: string | null | undefined): string {
  const canonical = text ? readWallClockInput(text) : null;
  return canonical ? `${canonical.slice(0, 10)}T${canonical.slice(11, 16)}` : '';
}

/** What the field holds as the contract's wall clock, or null when it is empty or incomplete. */
export function fromInputValue(value: string): string | null {
  return readWallClockInput(value);
}
