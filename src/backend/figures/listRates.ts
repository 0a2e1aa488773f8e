/**
 * The rates beside each emailing of the list, from its last snapshot of Copernica's statistics:
 * a few lookups per emailing (keyFigures.ts), so a list of hundreds answers in milliseconds.
 */
import type Database from 'better-sqlite3';
import type { EmailingListItem } from '../../shared/schemas/emailings';
import { KeyFiguresView } from './keyFigures';

export function withRates(db: Database.Database, items: EmailingListItem[]): EmailingListItem[] {
  const view = new KeyFiguresView(db);
  return items.map((item) => ({ ...item, rates: view.emailingFigures(item.key).rates }));
}
