/**
 * Arithmetic on Copernica's zone-less `YYYY-MM-DD HH:MM:SS` times in the account's time zone,
 * so that "the first 24 hours" is 24 real hours even across a daylight-saving change.
 */

const pattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

function fieldsOf(text: string): number[] | null {
  const match = pattern.exec(text);
  return match ? match.slice(1).map((part) => Number(part ?? 0)) : null;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  return format;
}

/** The wall clock in `zone` at an instant. */
export function instantToWallClock(instant: number, zone: string): string {
  const parts = Object.fromEntries(
    partsFormat(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The instant a wall clock in `zone` names (the earlier one when a DST change repeats it). */
export function wallClockToInstant(text: string, zone: string): number | null {
  const f = fieldsOf(text);
  if (!f) return null;
  const asUtc = Date.UTC(f[0]!, f[1]! - 1, f[2]!, f[3]!, f[4]!, f[5]!);
  let instant = asUtc;
  // Two rounds settle the zone's offset at that instant (one more than DST changes need).
  for (let round = 0; round < 2; round++) {
    const seen = fieldsOf(instantToWallClock(instant, zone))!;
    const seenUtc = Date.UTC(seen[0]!, seen[1]! - 1, seen[2]!, seen[3]!, seen[4]!, seen[5]!);
    instant += asUtc - seenUtc;
  }
  return instant;
}

export function addHours(text: string, hours: number, zone: string): string | null {
  const instant = wallClockToInstant(text, zone);
  return instant === null ? null : instantToWallClock(instant + hours * 3_600_000, zone);
}

/** `2025-03-04 09:00:00` → `2025-03-04T09:00`, the value of an `<input type="datetime-local">`. */
export function toInputValue(text: string | null | undefined): string {
  const f = text ? pattern.exec(text) : null;
  return f ? `${f[1]}-${f[2]}-${f[3]}T${f[4]}:${f[5]}` : '';
}

export function fromInputValue(value: string): string | null {
  const f = pattern.exec(value);
  return f ? `${f[1]}-${f[2]}-${f[3]} ${f[4]}:${f[5]}:${f[6] ?? '00'}` : null;
}
