import type Database from 'better-sqlite3';
import { AccountStore } from '../../src/backend/accounts/accountStore';
import { EmailingStore } from '../../src/backend/accounts/emailingStore';

/**
 * An account (found again by its API base) and one of its emailings, known by nothing but its
 * Copernica ID, as the emailing list would have cached it: the key a sync of its clicks needs.
 */
export function seedEmailing(db: Database.Database, apiBase: string, emailingId: number): number {
  const account = new AccountStore(db).upsertByRemote({ label: 'a', apiBase, remoteId: 1 }, new Date());
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
    new Date(),
  );
}
