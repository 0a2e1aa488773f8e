/**
 * Copernica's system links: the web version, the unsubscribe and profile-edit pages and the
 * social sharing links it puts in a template. They are clicked for other reasons than the
 * content (an unsubscribe click is an unsubscribe in Copernica's own statistics), so every
 * ranking in a report keeps them apart from the content links. A click records the link as it
 * stood in the template, so a system link is told by its tag (`{webversion}`, `{unsubscribe}`,
 * `{profile.edit}`…) or, once resolved, by the address it points to.
 */
export const systemLinkKinds = ['webversion', 'unsubscribe', 'profile', 'social'] as const;
export type SystemLinkKind = (typeof systemLinkKinds)[number];
export type LinkKind = 'content' | SystemLinkKind;

const tagged: [RegExp, SystemLinkKind][] = [
  [/\{\s*(webversion|weblink|online[_-]?version)\b/i, 'webversion'],
  [/\{\s*(unsubscribe|unsub|optout)\b/i, 'unsubscribe'],
  [/\{\s*(profile|subprofile|edit|preferences)\b/i, 'profile'],
  [/\{\s*(share|social|facebook|twitter|linkedin|forward)\b/i, 'social'],
];

/** Sharing endpoints, not a page the client linked to (a plain facebook.com link is content). */
const sharing =
  /^https?:\/\/(www\.)?(facebook\.com\/sharer|twitter\.com\/(intent|share)|x\.com\/intent|linkedin\.com\/(sharearticle|shareArticle|sharing)|pinterest\.com\/pin\/create|wa\.me\/\?|api\.whatsapp\.com\/send)/i;

/** Copernica's own pages for the web version, unsubscribing and profile editing. */
const copernicaPage =
  /^https?:\/\/[^/]*\b(copernica\.com|cpnc\.nl|clicks\.email)\/[^?#]*\b(webversion|unsubscribe|profile)/i;

export function linkKind(url: string | null): LinkKind {
  if (url === null) return 'content';
  for (const [pattern, kind] of tagged) if (pattern.test(url)) return kind;
  if (sharing.test(url)) return 'social';
  const page = copernicaPage.exec(url);
  if (page) return page[2]!.toLowerCase() as SystemLinkKind;
  return 'content';
}
