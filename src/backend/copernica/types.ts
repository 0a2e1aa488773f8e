/**
 * What the Copernica client hands to the rest of the backend: plain, normalised values. IDs and
 * counters are numbers even when the API sent them as strings; wall-clock timestamps stay exactly
 * as Copernica wrote them (`YYYY-MM-DD HH:MM:SS`, no zone).
 */

/** One page of a list call, as the paging envelope described it. */
export interface Page<T> {
  start: number;
  limit: number;
  /** Rows in this page (the envelope's `count`, or `data.length` when it was left out). */
  count: number;
  /** Rows that match in total, or null when it was not asked for (`total=false`) or not sent. */
  total: number | null;
  data: T[];
}

/** One click on a link of a Publisher emailing (`publisher/emailing/$id/clicks`). */
export interface Click {
  id: number;
  linkId: number | null;
  link: string | null;
  linkTitle: string | null;
  /** Exactly as sent: `YYYY-MM-DD HH:MM:SS`, wall clock, no zone. */
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

/** A Publisher ("HTML") emailing, from the list call or the single-entity call. */
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
