/**
 * Fetches the fields of every profile (and subprofile) that clicked an emailing into the cache
 * (the `profiles` and `subprofiles` tables the drill-down also reads), with the fewest requests
 * plan.ts finds: ID ranges of the emailing's database listed a page at a time, lone clickers
 * asked one by one. A clicker no range returned is asked alone: Copernica lists no removed
 * profile, and `profile/$id` answers a removed one with empty values and a `removed` date, kept
 * as removed.
 *
 * Resumable: a run records when it began (profile_fetch_state) and each page's profiles are
 * committed with the time they were fetched, so a run stopped anywhere (cancel, a fault that
 * outlasted the retries, a killed process) goes on with the clickers not fetched since it began.
 * Every request goes through the sync's client, with its retries and fault handling.
 */
import type Database from 'better-sqlite3';
import { AppError, isAppError } from '../../shared/errors';
import type { ProfileFetchProgress } from '../../shared/schemas/profiles';
import { formatWallClock } from '../../shared/wallClock';
import type { EntitiesQuery } from '../copernica/client';
import type { DatabaseField, Page, Profile, Subprofile } from '../copernica/types';
import { writeTransaction } from '../db/writeTransaction';
import { FEW_CLICKERS, PAGE_SIZE, type Segment, planFetch } from './plan';
import { removeExpiredProfileFields } from './retention';

/** The part of the Copernica client the fetch needs (tests may wrap it to count or fail). */
export interface ProfilesSource {
  profile(id: number, signal?: AbortSignal): Promise<Profile>;
  subprofile(id: number, signal?: AbortSignal): Promise<Subprofile>;
  databaseProfilesPage(databaseId: number, q: EntitiesQuery, signal?: AbortSignal): Promise<Page<Profile>>;
  collectionSubprofilesPage(
    collectionId: number,
    q: EntitiesQuery,
    signal?: AbortSignal,
  ): Promise<Page<Subprofile>>;
  fieldsOf(kind: 'database' | 'collection', id: number, signal?: AbortSignal): Promise<DatabaseField[]>;
}

export interface FetchProfilesOptions {
  db: Database.Database;
  source: ProfilesSource;
  emailingKey: number;
  signal?: AbortSignal;
  onProgress?: (progress: ProfileFetchProgress) => void;
  now?: () => Date;
  /** Least time between two 'fetching' events, default 250 ms (0: every page). */
  progressIntervalMs?: number;
}

export interface FetchProfilesResult {
  emailingKey: number;
  /** Clicking profiles and subprofiles fetched in this run. */
  profiles: number;
  subprofiles: number;
  /** Of those, removed at Copernica (or unknown to it). */
  removed: number;
  requests: number;
  /** What one call per clicker would have taken. */
  oneByOneRequests: number;
  resumed: boolean;
}

interface EmailingRow {
  accountId: number;
  emailingId: number;
  targetDatabase: number | null;
}

/** One kind of entity: how it is listed, asked for, and stored. */
interface Kind<E extends Profile | Subprofile> {
  table: 'profiles' | 'subprofiles';
  column: 'profile' | 'subprofile';
  single(id: number, signal?: AbortSignal): Promise<E>;
  page(container: number, q: EntitiesQuery, signal?: AbortSignal): Promise<Page<E>>;
  containerOf(entity: E): number | null;
  save(entity: E, fetchedAt: string): void;
  /** What is kept of one Copernica no longer knows at all: removed, no values. */
  unknown(id: number, removedAt: string): E;
  fieldsKind: 'database' | 'collection';
}

/** Index of the first ID at or above `from` in ascending `ids`. */
function lowerBound(ids: readonly number[], from: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function fetchProfiles(options: FetchProfilesOptions): Promise<FetchProfilesResult> {
  const { db, emailingKey, signal } = options;
  const now = options.now ?? (() => new Date());
  const interval = options.progressIntervalMs ?? 250;
  const emailing = db
    .prepare(
      `SELECT account_id AS accountId, remote_id AS emailingId, target_database AS targetDatabase
         FROM emailings WHERE id = ?`,
    )
    .get(emailingKey) as EmailingRow | undefined;
  if (!emailing) throw new AppError('not_found', 'That emailing is not in the cache.');
  const { accountId, emailingId } = emailing;

  // Expired fields go before anything new comes in, so a run never keeps them longer.
  removeExpiredProfileFields(db, now(), accountId);

  const state = db
    .prepare('SELECT run_started_at AS startedAt FROM profile_fetch_state WHERE emailing_id = ?')
    .get(emailingKey) as { startedAt: string | null } | undefined;
  const resumed = state?.startedAt != null;
  const startedAt = state?.startedAt ?? now().toISOString();
  db.prepare(
    `INSERT INTO profile_fetch_state (emailing_id, run_started_at, requests) VALUES (?, ?, 0)
     ON CONFLICT (emailing_id) DO UPDATE SET run_started_at = excluded.run_started_at`,
  ).run(emailingKey, startedAt);

  let requests = 0;
  const counted = <T>(call: Promise<T>): Promise<T> => {
    requests++;
    return call;
  };
  const source = options.source;
  const saveProfile = db.prepare(
    `INSERT OR REPLACE INTO profiles (account_id, id, fields, interests, database_id, created, modified, removed, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const saveSubprofile = db.prepare(
    `INSERT OR REPLACE INTO subprofiles (account_id, id, profile_id, collection_id, fields, created, modified, removed, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const profileKind: Kind<Profile> = {
    table: 'profiles',
    column: 'profile',
    single: (id, s) => counted(source.profile(id, s)),
    page: (container, q, s) => counted(source.databaseProfilesPage(container, q, s)),
    containerOf: (p) => p.database,
    save: (p, at) =>
      saveProfile.run(
        accountId,
        p.id,
        JSON.stringify(p.removed === false ? p.fields : {}),
        JSON.stringify(p.interests),
        p.database,
        p.created,
        p.modified,
        p.removed === false ? null : p.removed,
        at,
      ),
    unknown: (id, removedAt) => ({
      id,
      fields: {},
      interests: [],
      database: null,
      created: null,
      modified: null,
      removed: removedAt,
    }),
    fieldsKind: 'database',
  };
  const subprofileKind: Kind<Subprofile> = {
    table: 'subprofiles',
    column: 'subprofile',
    single: (id, s) => counted(source.subprofile(id, s)),
    page: (container, q, s) => counted(source.collectionSubprofilesPage(container, q, s)),
    containerOf: (p) => p.collection,
    save: (p, at) =>
      saveSubprofile.run(
        accountId,
        p.id,
        p.profile,
        p.collection,
        JSON.stringify(p.removed === false ? p.fields : {}),
        p.created,
        p.modified,
        p.removed === false ? null : p.removed,
        at,
      ),
    unknown: (id, removedAt) => ({
      id,
      fields: {},
      profile: null,
      collection: null,
      created: null,
      modified: null,
      removed: removedAt,
    }),
    fieldsKind: 'collection',
  };

  const todo = (kind: Kind<Profile | Subprofile>): number[] =>
    (
      db
        .prepare(
          `SELECT DISTINCT c.${kind.column} FROM clicks c
            WHERE c.emailing_id = ? AND c.${kind.column} IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ${kind.table} p
                               WHERE p.account_id = ? AND p.id = c.${kind.column} AND p.fetched_at >= ?)
            ORDER BY 1`,
        )
        .pluck()
        .all(emailingKey, accountId, startedAt) as number[]
    ).map(Number);
  const profileIds = todo(profileKind as Kind<Profile | Subprofile>);
  const subprofileIds = todo(subprofileKind as Kind<Profile | Subprofile>);
  const total = profileIds.length + subprofileIds.length;
  let done = 0;
  let removed = 0;
  let lastEmit = 0;
  const emit = (phase: ProfileFetchProgress['phase'], error: string | null = null): void => {
    if (phase === 'fetching') {
      const time = Date.now();
      if (interval > 0 && time - lastEmit < interval) return;
      lastEmit = time;
    }
    options.onProgress?.({ emailingKey, emailingId, phase, done, total, requests, error });
  };
  emit('starting');

  const fieldsSaved = new Set<string>();
  const saveFields = async (kind: Kind<Profile | Subprofile>, container: number): Promise<void> => {
    const key = `${kind.fieldsKind} ${container}`;
    if (fieldsSaved.has(key)) return;
    fieldsSaved.add(key);
    const fields = await counted(source.fieldsOf(kind.fieldsKind, container, signal));
    db.prepare(
      `INSERT OR REPLACE INTO database_fields (account_id, kind, remote_id, fields, fetched_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(
      accountId,
      kind.fieldsKind,
      container,
      JSON.stringify(fields.map((f) => f.name)),
      now().toISOString(),
    );
  };

  /** Stores what came for the wanted IDs, in one transaction, and counts them as done. */
  const store = (
    kind: Kind<Profile | Subprofile>,
    entities: (Profile | Subprofile)[],
    wanted: Set<number>,
  ): void => {
    const at = now().toISOString();
    writeTransaction(db, () => {
      for (const entity of entities) {
        if (!wanted.delete(entity.id)) continue;
        kind.save(entity, at);
        done++;
        if (entity.removed !== false) removed++;
      }
    });
    emit('fetching');
  };

  const fetchSingle = async (kind: Kind<Profile | Subprofile>, id: number): Promise<Profile | Subprofile> => {
    try {
      return await kind.single(id, signal);
    } catch (error) {
      // Copernica no longer knows it: kept as removed, so that it is not asked for again and again.
      if (!isAppError(error) || error.code !== 'not_found') throw error;
      return kind.unknown(id, formatWallClock(Math.floor(now().getTime() / 1000)));
    }
  };

  const fetchKind = async (
    kind: Kind<Profile | Subprofile>,
    ids: number[],
    knownContainer: number | null,
  ): Promise<void> => {
    if (ids.length === 0) return;
    const wanted = new Set(ids);
    let rest = ids;
    let container = knownContainer;
    if (container === null) {
      // The first clicker, asked alone, says which database (or collection) the rest lie in.
      const first = await fetchSingle(kind, ids[0] as number);
      store(kind, [first], wanted);
      container = kind.containerOf(first);
      rest = ids.slice(1);
    }
    let segments: Segment[];
    if (container === null || rest.length <= FEW_CLICKERS) {
      segments = rest.map((id) => ({ kind: 'single', id }));
    } else {
      await saveFields(kind, container);
      // One limit=1 call: how many live entities lie in the clickers' span.
      const probe = await kind.page(
        container,
        { start: 0, limit: 1, fromId: rest[0], toId: rest.at(-1) },
        signal,
      );
      const span = (rest.at(-1) as number) - (rest[0] as number) + 1;
      const density = probe.total === null ? 1 : probe.total / span;
      segments = planFetch(rest, density).segments;
    }
    for (const segment of segments) {
      if (signal?.aborted) throw new AppError('cancelled', 'The profile fetch was cancelled.');
      if (segment.kind === 'single') {
        if (!wanted.has(segment.id)) continue;
        store(kind, [await fetchSingle(kind, segment.id)], wanted);
        continue;
      }
      for (let start = 0; ; start += PAGE_SIZE) {
        const page = await kind.page(
          container as number,
          { start, limit: PAGE_SIZE, total: false, fromId: segment.from, toId: segment.to },
          signal,
        );
        store(kind, page.data, wanted);
        // A short (or empty) page is the range's last; a full one may have more behind it.
        if (page.count < PAGE_SIZE) break;
      }
      // Clickers the range did not list are removed (or were never there): asked alone.
      for (let i = lowerBound(rest, segment.from); i < rest.length; i++) {
        const id = rest[i] as number;
        if (id > segment.to) break;
        if (wanted.has(id)) store(kind, [await fetchSingle(kind, id)], wanted);
      }
    }
  };

  try {
    await fetchKind(profileKind as Kind<Profile | Subprofile>, profileIds, emailing.targetDatabase);
    // A click names no collection: the first subprofile, asked alone, says which.
    await fetchKind(subprofileKind as Kind<Profile | Subprofile>, subprofileIds, null);
  } catch (error) {
    db.prepare(
      'UPDATE profile_fetch_state SET requests = requests + ?, last_error = ? WHERE emailing_id = ?',
    ).run(requests, isAppError(error) ? error.message : String(error), emailingKey);
    if (isAppError(error) && error.code === 'cancelled') emit('cancelled');
    else
      emit('failed', isAppError(error) ? error.message : 'The profile fetch stopped on an unexpected error.');
    throw signal?.aborted && !(isAppError(error) && error.code === 'cancelled')
      ? new AppError('cancelled', 'The profile fetch was cancelled.', { cause: error })
      : error;
  }
  db.prepare(
    `UPDATE profile_fetch_state SET run_started_at = NULL, last_success_at = ?, last_error = NULL, requests = ?
      WHERE emailing_id = ?`,
  ).run(now().toISOString(), requests, emailingKey);
  emit('done');
  return {
    emailingKey,
    profiles: profileIds.length,
    subprofiles: subprofileIds.length,
    removed,
    requests,
    oneByOneRequests: total,
    resumed,
  };
}
