/**
 * "The shop link" of one newsletter and of the next are the same page with different tracking
 * parameters (`utm_campaign=nieuwsbrief-1281` against `-1282`). A comparison matches links by
 * their address with those parameters removed: no scheme, the host in lower case without `www.`,
 * no fragment, no trailing slash, the remaining query parameters sorted. Text that is not an
 * absolute http(s) URL (a Copernica tag such as `{webversion}`) matches only itself.
 */

/** Parameters that say who sent the click, not which page it opens. */
const trackingParameter =
  /^(utm_[a-z_]+|mc_(cid|eid)|_hs(enc|mi)|hsctatracking|gclid|fbclid|msclkid|dclid|yclid|igshid|mkt_tok|_ga|_gl|cpnc_[a-z_]+|oly_(anon|enc)_id|vero_(id|conv)|wickedid|__s)$/i;

export function isTrackingParameter(name: string): boolean {
  return trackingParameter.test(name);
}

export function matchKey(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return trimmed;
  const kept = [...parsed.searchParams.entries()]
    .filter(([name]) => !isTrackingParameter(name))
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const host = parsed.host.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return `${host}${path}${query}`;
}
