/**
 * The views of an opened emailing, in the order of its tabs: the renderer draws the tabs from
 * this list, and the application menu names Ctrl/Cmd+1… after it.
 */
export const emailingViews = [
  { id: 'overview', label: 'Overview' },
  { id: 'clicks', label: 'Clicks' },
  { id: 'links', label: 'Links' },
  { id: 'profiles', label: 'Profiles' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'devices', label: 'Devices' },
] as const;

export type EmailingViewId = (typeof emailingViews)[number]['id'];
