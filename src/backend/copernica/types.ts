/**
 * What the Copernica client hands to the rest of the backend: plain, normalised values. IDs and
 * counters are numbers even when the API sent them as strings; wall-clock timestamps stay exactly
 * as Copernica wrote them (`YYYY-MM-DD HH:MM:SS`, no zone).
 */

/**
 * One page of a list call. The envelope's numbers are checked, not trusted: `count` is what the
 * page really held, and a total that cannot be true is null.
 */
export interface Page<T> {
  start: number;
  limit: number;
  /** Rows the server sent in this page (its `data` list), refused ones included. */
  count: number;
  /** Rows that match in total, or null when not asked for (`total=false`), not sent or negative. */
  total: number | null;
  /** The rows that passed the checks. */
  data: T[];
  /** Rows of this page that were refused (see parse.ts clickRow): count - data.length. */
  refused: number;
}

/**
 * One click on a link of a Publisher emailing (`publisher/emailing/$id/clicks`) or of a Marketing
 * Suite one (`ms/emailing/$id/clicks`, which has no linkId, linkTitle or referer). IDs are
 * positive or null; texts are at most MAX_CLICK_TEXT characters (parse.ts).
 */
export interface Click {
  id: number;
  linkId: number | null;
  link: string | null;
  linkTitle: string | null;
  /** As sent: `YYYY-MM-DD HH:MM:SS`, wall clock, no zone (or, from a faulty server, other text). */
  timestamp: string;
  ip: string | null;
  userAgent: string | null;
  referer: string | null;
  emailing: number | null;
  destination: number | null;
  profile: number | null;
  subprofile: number | null;
}

/** The account the token belongs to (`identity`); the "test connection" call. */
export interface Identity {
  id: number;
  name: string;
  description: string | null;
  company: string | null;
  customer: { id: number | null; name: string | null; isPartner: boolean } | null;
}

/**
 * A Publisher ("HTML") emailing, from the list call or the single-entity call. A Marketing Suite
 * one has the same shape (parse.ts reads both), without the list's counters.
 */
export interface PublisherEmailing {
  id: number;
  /** When it was sent, as Copernica wrote it. */
  timestamp: string | null;
  subject: string | null;
  description: string | null;
  fromAddress: { name: string | null; email: string | null } | null;
  type: string | null;
  destinations: number | null;
  clicks: number | null;
  impressions: number | null;
  /** Only the list call carries errors, unsubscribes and abuses. */
  errors: number | null;
  unsubscribes: number | null;
  abuses: number | null;
  /**
   * The database its `target` names (`{type: 'database', sources: [{id, type}]}`), null when it
   * names none (a collection, a selection); absent where the answer was built by hand.
   */
  targetDatabase?: number | null;
}

/** A field of a database or collection (`database/$id/fields`). */
export interface DatabaseField {
  id: number;
  name: string;
  type: string | null;
}

export interface Profile {
  id: number;
  fields: Record<string, string>;
  interests: string[];
  database: number | null;
  created: string | null;
  modified: string | null;
  /** False, or the time it was removed (a removed profile keeps its ID but loses its field values). */
  removed: string | false;
}

export interface Subprofile {
  id: number;
  fields: Record<string, string>;
  profile: number | null;
  collection: number | null;
  created: string | null;
  modified: string | null;
  removed: string | false;
}
