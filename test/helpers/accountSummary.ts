/** One account as the contract returns it, for tests that fake the backend's answers. */
export const accountSummary = {
  id: 1,
  label: 'Client',
  apiVersion: 'v2' as const,
  timeZone: 'Europe/Amsterdam',
  tokenStatus: 'ok' as const,
  isDemo: false,
  remoteName: 'Client BV',
  emailingCount: 0,
  trackedCount: 0,
  lastRefreshedAt: null,
};
