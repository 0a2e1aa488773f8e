import type Database from 'better-sqlite3';
import type { FakeCopernica } from '../../src/backend/fakeApi/server';
import type { Product } from '../../src/shared/schemas/product';

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/**
 * What the fake holds for a Marketing Suite emailing, in the shape of cacheContents.ts's
 * cachedClicks: its `mailing` in the emailing's place, and no link_id, link_title or referer.
 */
export function msServerClicks(fake: FakeCopernica, emailingId: number): (string | null)[][] {
  return fake
    .clicksOf(emailingId, 'ms')
    .map((c) =>
      [
        c.ID,
        null,
        c.link,
        null,
        c.timestamp,
        c.ip,
        c.useragent ?? c['user-agent'],
        null,
        c.mailing,
        c.destination,
        c.profile,
        c.subprofile,
      ].map(text),
    )
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

/** The local key of one product's emailing (the two products number apart). */
export function productEmailingKey(db: Database.Database, emailingId: number, product: Product): number {
  return (
    db.prepare('SELECT id FROM emailings WHERE remote_id = ? AND product = ?').get(emailingId, product) as {
      id: number;
    }
  ).id;
}
