/**
 * One sync request as the CLI and the app make it, in two steps. `planSync` asks Copernica
 * everything that can be refused — the token (identity), each emailing — and writes nothing;
 * `runSync` then stores the account and emailings and brings each one's clicks up to date. A bad
 * token, an unknown emailing or an unreachable host therefore leave the cache exactly as it was.
 */
import type Database from 'better-sqlite3';
import type { SyncProgress } from '../../shared/contract';
import { AppError, isAppError } from '../../shared/errors';
import { type Product, productLabels } from '../../shared/schemas/product';
import type { Identity, PublisherEmailing } from '../copernica/types';
import { AccountStore } from '../accounts/accountStore';
import { EmailingStore } from '../accounts/emailingStore';
import { type SyncEmailingClicksResult, syncEmailingClicks } from './syncEmailingClicks';
import {
  type ProductClicksSource,
  type ProductStatisticsSource,
  clicksSourceFor,
  statisticsSourceFor,
} from './productSource';
import { writeTransaction } from '../db/writeTransaction';
import { refreshStatistics } from '../figures/refreshStatistics';
import type { ProfileFetchProgress } from '../../shared/schemas/profiles';
import { type FetchProfilesResult, type ProfilesSource, fetchProfiles } from '../profiles/fetchProfiles';

export interface AccountSource extends ProductClicksSource {
  identity(signal?: AbortSignal): Promise<Identity>;
  emailing(id: number, signal?: AbortSignal, product?: Product): Promise<PublisherEmailing>;
}

/** An emailing named by its product and its ID there; a bare number is a Publisher emailing. */
export type EmailingRef = number | { product: Product; id: number };

export type PlannedEmailing = PublisherEmailing & { product: Product };

export interface SyncPlan {
  /** The API base the token belongs to; with the Copernica account ID it names the account. */
  apiBase: string;
  identity: Identity;
  emailings: PlannedEmailing[];
}

export async function planSync(
  source: AccountSource,
  apiBase: string,
  emailingIds: readonly EmailingRef[],
  signal?: AbortSignal,
): Promise<SyncPlan> {
  const identity = await source.identity(signal);
  const emailings: PlannedEmailing[] = [];
  const seen = new Set<string>();
  for (const ref of emailingIds) {
    const { product, id } = typeof ref === 'number' ? { product: 'publisher' as const, id: ref } : ref;
    if (seen.has(`${product} ${id}`)) continue;
    seen.add(`${product} ${id}`);
    try {
      // Publisher's call is asked as before; only Marketing Suite names its product.
      const emailing =
        product === 'publisher'
          ? await source.emailing(id, signal)
          : await source.emailing(id, signal, product);
      emailings.push({ ...emailing, product });
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') {
        const what = product === 'publisher' ? 'Emailing' : `${productLabels[product]} emailing`;
        throw new AppError(
          'not_found',
          `${what} ${id} does not exist in the Copernica account "${identity.name}".`,
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
  source: ProductClicksSource & ProductStatisticsSource;
  plan: SyncPlan;
  timeZone?: string;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  now?: () => Date;
  /**
   * Also fetch the fields of each emailing's clicking profiles, after its clicks (the CLI's
   * `--profiles`), through this source (the same client).
   */
  profiles?: ProfilesSource;
  onProfileProgress?: (progress: ProfileFetchProgress) => void;
}

export interface RunSyncResult {
  accountId: number;
  accountLabel: string;
  emailings: SyncEmailingClicksResult[];
  /** Per emailing, whether Copernica's statistics were new, changed or as they were. */
  statistics: ('first' | 'changed' | 'unchanged')[];
  /** Per emailing, when profiles were asked for. */
  profiles: FetchProfilesResult[];
}

export async function runSync(options: RunSyncOptions): Promise<RunSyncResult> {
  const { db, plan } = options;
  const now = options.now ?? (() => new Date());
  const accounts = new AccountStore(db);
  const emailingStore = new EmailingStore(db);
  const { account, keys } = writeTransaction(db, () => {
    const account = accounts.upsertByRemote(
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
      keys: plan.emailings.map((emailing) =>
        emailingStore.upsert(account.id, emailing, now(), emailing.product),
      ),
    };
  });

  const results: SyncEmailingClicksResult[] = [];
  const statistics: RunSyncResult['statistics'] = [];
  const profiles: FetchProfilesResult[] = [];
  try {
    for (const [index, emailing] of plan.emailings.entries()) {
      // The clicks, then the statistics, of the same cached emailing.
      const target = {
        db,
        emailingKey: keys[index] as number,
        emailingId: emailing.id,
        now,
        signal: options.signal,
      };
      results.push(
        await syncEmailingClicks({
          ...target,
          source: clicksSourceFor(options.source, emailing.product),
          timeZone: account.timeZone,
          onProgress: options.onProgress,
        }),
      );
      statistics.push(
        await refreshStatistics({ ...target, source: statisticsSourceFor(options.source, emailing.product) }),
      );
      if (options.profiles) {
        profiles.push(
          await fetchProfiles({
            db,
            source: options.profiles,
            emailingKey: keys[index] as number,
            signal: options.signal,
            onProgress: options.onProfileProgress,
            now,
          }),
        );
      }
    }
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid_token') accounts.markRejected(account.id);
    throw error;
  }
  return { accountId: account.id, accountLabel: account.label, emailings: results, statistics, profiles };
}
