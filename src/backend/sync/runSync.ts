/**
 * One sync request as the CLI and the app make it, in two steps. `planSync` asks Copernica
 * everything that can be refused — the token (identity), each emailing — and writes nothing;
 * `runSync` then stores the account and emailings and brings each one's clicks up to date. A bad
 * token, an unknown emailing or an unreachable host therefore leave the cache exactly as it was.
 */
import type Database from 'better-sqlite3';
import type { SyncProgress } from '../../shared/contract';
import { AppError, isAppError } from '../../shared/errors';
import type { Identity, PublisherEmailing } from '../copernica/types';
import { markTokenRejected, upsertAccount } from '../db/accounts';
import { upsertEmailing } from '../db/emailings';
import { type ClicksSource, type SyncEmailingClicksResult, syncEmailingClicks } from './syncEmailingClicks';
import { writeTransaction } from '../db/writeTransaction';
import { refreshStatistics, type StatisticsSource } from '../figures/refreshStatistics';

export interface AccountSource extends ClicksSource {
  identity(signal?: AbortSignal): Promise<Identity>;
  emailing(id: number, signal?: AbortSignal): Promise<PublisherEmailing>;
}

export interface SyncPlan {
  /** The API base the token belongs to; with the Copernica account ID it names the account. */
  apiBase: string;
  identity: Identity;
  emailings: PublisherEmailing[];
}

export async function planSync(
  source: AccountSource,
  apiBase: string,
  emailingIds: readonly number[],
  signal?: AbortSignal,
): Promise<SyncPlan> {
  const identity = await source.identity(signal);
  const emailings: PublisherEmailing[] = [];
  for (const id of new Set(emailingIds)) {
    try {
      emailings.push(await source.emailing(id, signal));
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') {
        throw new AppError(
          'not_found',
          `Emailing ${id} does not exist in the Copernica account "${identity.name}".`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
  return { apiBase: apiBase.replace(/\/+$/, ''), identity, emailings };
}

export interface RunSyncOptions {
  db: Database.Database;
  source: ClicksSource & StatisticsSource;
  plan: SyncPlan;
  timeZone?: string;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  now?: () => Date;
}

export interface RunSyncResult {
  accountId: number;
  accountLabel: string;
  emailings: SyncEmailingClicksResult[];
  /** Per emailing, whether Copernica's statistics were new, changed or as they were. */
  statistics: ('first' | 'changed' | 'unchanged')[];
}

export async function runSync(options: RunSyncOptions): Promise<RunSyncResult> {
  const { db, plan } = options;
  const now = options.now ?? (() => new Date());
  const { account, keys } = writeTransaction(db, () => {
    const account = upsertAccount(
      db,
      {
        label: plan.identity.name,
        apiBase: plan.apiBase,
        remoteId: plan.identity.id,
        timeZone: options.timeZone,
      },
      now(),
    );
    return {
      account,
      keys: plan.emailings.map((emailing) => upsertEmailing(db, account.id, emailing, now())),
    };
  });

  const results: SyncEmailingClicksResult[] = [];
  const statistics: RunSyncResult['statistics'] = [];
  try {
    for (const [index, emailing] of plan.emailings.entries()) {
      results.push(
        await syncEmailingClicks({
          db,
          source: options.source,
          emailingKey: keys[index] as number,
          emailingId: emailing.id,
          timeZone: account.timeZone,
          signal: options.signal,
          onProgress: options.onProgress,
          now,
        }),
      );
      statistics.push(
        await refreshStatistics({
          db,
          source: options.source,
          emailingKey: keys[index] as number,
          emailingId: emailing.id,
          now,
          signal: options.signal,
        }),
      );
    }
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid_token') markTokenRejected(db, account.id);
    throw error;
  }
  return { accountId: account.id, accountLabel: account.label, emailings: results, statistics };
}
