/**
 * An account (found again by its API base) and one of its emailings, known by nothing but its
 * Copernica ID, as the emailing list would have cached it: the key a sync of its clicks needs.
 * The benchmarks and the tests start a cache this way; the app always has the list first.
 */
import type Database from 'better-sqlite3';
import type { Product } from '../../shared/schemas/product';
import { AccountStore } from './accountStore';
import { EmailingStore } from './emailingStore';

export function seedEmailing(
  db: Database.Database,
  apiBase: string,
  emailingId: number,
  product: Product = 'publisher',
  now = new Date(),
): number {
  const account = new AccountStore(db).upsertByRemote({ label: 'a', apiBase, remoteId: 1 }, now);
  return new EmailingStore(db).upsert(
    account.id,
    {
      id: emailingId,
      timestamp: null,
      subject: null,
      description: null,
      fromAddress: null,
      type: null,
      destinations: null,
      clicks: null,
      impressions: null,
      errors: null,
      unsubscribes: null,
      abuses: null,
    },
    now,
    product,
  );
}
