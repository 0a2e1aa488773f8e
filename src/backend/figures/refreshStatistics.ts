/**
 * Fetches Copernica's statistics of an emailing and keeps them as a snapshot. Every refresh of
 * an emailing calls it (the CLI's sync and the app's queue), after the clicks: the cache then
 * holds at least what Copernica counted a moment before, unless clicks arrived since.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../db/writeTransaction';
import type { CopernicaStatistics } from './copernicaStatistics';
import { recordStatistics } from './statisticsSnapshots';

/** The part of the Copernica client that fetches statistics (tests may pass their own). */
export interface StatisticsSource {
  emailingStatistics(emailingId: number, signal?: AbortSignal): Promise<CopernicaStatistics>;
}

export interface RefreshStatisticsOptions {
  db: Database.Database;
  source: StatisticsSource;
  emailingKey: number;
  emailingId: number;
  now: () => Date;
  signal?: AbortSignal;
}

export async function refreshStatistics(
  options: RefreshStatisticsOptions,
): Promise<'first' | 'changed' | 'unchanged'> {
  const { db, emailingKey } = options;
  const statistics = await options.source.emailingStatistics(options.emailingId, options.signal);
  return writeTransaction(db, () => recordStatistics(db, emailingKey, statistics, options.now()));
}
