import type Database from 'better-sqlite3';
import { type ClickApiRow, iterateClickApiRows } from '../../src/backend/export/clicksQuery';
import type { FakeCopernica } from '../../src/backend/fakeApi/server';

/** A click as comparable text: the twelve API fields, numbers as strings, nulls kept. */
type Comparable = (string | null)[];

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

export function cachedClicks(db: Database.Database, emailingKey: number): Comparable[] {
  return [...iterateClickApiRows(db, emailingKey)].map((row: ClickApiRow) => row.map(text));
}

/** What the fake server holds for an emailing, in ID order, in the same shape. */
export function serverClicks(fake: FakeCopernica, emailingId: number): Comparable[] {
  return fake
    .clicksOf(emailingId)
    .map((c) =>
      [
        c.ID,
        c.link_id,
        c.link,
        c.link_title,
        c.timestamp,
        c.ip,
        c.useragent ?? c['user-agent'],
        c.referer,
        c.emailing,
        c.destination,
        c.profile,
        c.subprofile,
      ].map(text),
    )
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

export function emailingKeyOf(db: Database.Database, emailingId: number): number {
  return (db.prepare('SELECT id FROM emailings WHERE remote_id = ?').get(emailingId) as { id: number }).id;
}
