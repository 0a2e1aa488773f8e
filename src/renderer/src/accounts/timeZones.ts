/** The IANA time zones this runtime knows, for the account's zone picker. */
export function supportedTimeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  // Chromium leaves UTC out of the list while accepting it.
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

export const defaultTimeZone = 'Europe/Amsterdam';
