/**
 * How the links grid writes an address: the part that tells links apart. An emailing's links
 * mostly point at one site, and campaign tools append the same tracking parameters to each, so
 * the full URL is mostly the same 60 characters before the path. The grid shows the path (and
 * any query that is not tracking), the host only where it differs from the shared one; the full
 * URL stays on hover, in "Copy link", in the filter and in the exports.
 */
import { linkKind, type LinkKind } from '../../../shared/linkKinds';
import type { LinkRow } from '../../../shared/schemas/views';

/** Parameters added for analytics, not part of where the link goes. */
const trackingParameter =
  /^(utm_[a-z_]+|gclid|gbraid|wbraid|fbclid|msclkid|dclid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|yclid|igshid)$/i;

function parse(url: string): URL | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The host without a leading `www.`: `www.shop.nl` and `shop.nl` are one site to a reader. */
function siteOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/** The host most of the links point at, when at least two do; null when there is none. */
export function sharedSite(urls: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const url of urls) {
    const parsed = url === null ? null : parse(url);
    if (parsed) counts.set(siteOf(parsed), (counts.get(siteOf(parsed)) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 1;
  for (const [site, count] of counts)
    if (count > bestCount) {
      best = site;
      bestCount = count;
    }
  return best;
}

/**
 * `https://www.shop.nl/fietsen/e-bikes?utm_source=nieuwsbrief&kleur=rood` with the shared site
 * `shop.nl` → `/fietsen/e-bikes?kleur=rood`; on another host → `other.nl/pagina`. Text that is
 * not a web address (a `{webversion}` tag, mailto:) is shown as it is.
 */
export function shortLink(url: string | null, site: string | null): string {
  if (url === null) return '';
  const parsed = parse(url);
  if (!parsed) return url;
  for (const name of [...parsed.searchParams.keys()])
    if (trackingParameter.test(name)) parsed.searchParams.delete(name);
  const query = parsed.searchParams.toString();
  const rest = `${parsed.pathname}${query ? `?${query}` : ''}${parsed.hash}`;
  if (site !== null && siteOf(parsed) === site) return rest;
  return `${siteOf(parsed)}${rest === '/' ? '' : rest}`;
}

/** A link as the grid holds it: what the renderer derives once per answer beside the row. */
export type LinkGridRow = LinkRow & {
  kind: LinkKind;
  /** The address as the grid writes it (linkDisplay.ts). */
  shortLink: string;
  /** The share against the top link's: the longest bar fills its cell. */
  barScale: number;
};

export function linkGridRows(rows: readonly LinkRow[]): LinkGridRow[] {
  const site = sharedSite(rows.map((row) => row.link));
  const top = Math.max(0, ...rows.map((row) => row.share));
  return rows.map((row) => ({
    ...row,
    kind: linkKind(row.link),
    shortLink: shortLink(row.link, site),
    barScale: top > 0 ? row.share / top : 0,
  }));
}
