/**
 * Accounts, the emailing list, tracking, background sync, connectivity, sample data and the
 * profile drill-down: the backend half of issue 3. The stores hold the SQL, the queue runs the
 * syncs, this file answers the contract methods and main's internal ones.
 */
import { AppError, isAppError } from '../../shared/errors';
import type { ApiVersion } from '../../shared/schemas/accounts';
import type { ProfileDetails } from '../../shared/schemas/views';
import type { BackendContext } from '../context';
import { withRates } from '../figures/listRates';
import { CopernicaClient } from '../copernica/client';
import type { AccountInternalHandlers, PartialHandlers } from '../handlers';
import type { FakeEmailingSpec } from '../fakeApi/server';
import { type AccountTarget, AccountStore, DEMO_API_BASE } from './accountStore';
import { AccountClients, type ClientTuning } from './clients';
import { Connectivity, isOfflineError } from './connectivity';
import { DEMO_LABEL, DEMO_TOKEN, DemoServer } from './demoServer';
import { EmailingStore } from './emailingStore';
import { ProfileStore } from './profileDetails';
import { SyncQueue } from './syncQueue';
import { databaseFieldNames } from '../profiles/databaseFields';
import { readProfileSettings, writeProfileSettings } from '../profiles/profileSettings';
import { removeExpiredProfileFields } from '../profiles/retention';
import { profileNameOf } from '../../shared/columns/profileFieldColumns';

/** The contract methods this module answers. */
type AccountMethods = [
  'listAccounts',
  'createDemoAccount',
  'refreshEmailingList',
  'listEmailings',
  'setTracked',
  'syncEmailings',
  'cancelSync',
  'removeCachedClicks',
  'getStatus',
  'getProfileDetails',
  'getProfileColumns',
  'updateProfileSettings',
];
export type AccountMethodName = AccountMethods[number];

export interface AccountsModule {
  handlers: PartialHandlers<AccountMethodName>;
  internal: AccountInternalHandlers;
  /** Stops syncs, the probe and the demo server; resolves when they have stopped. */
  close(): Promise<void>;
}

export interface AccountsModuleOptions {
  /** Retries and timeouts of the Copernica clients (tests make them fast). */
  client?: ClientTuning;
  /** How often to probe Copernica while offline, default 30 s. */
  probeIntervalMs?: number;
  /** Least time between two 'fetching' progress events of one emailing, default 100 ms (≤ 10/s). */
  progressIntervalMs?: number;
  /** The sample data's emailings (tests use smaller ones). */
  demoEmailings?: FakeEmailingSpec[];
  /** Its Marketing Suite emailings; default DEMO_MS_EMAILINGS, or none beside a test's demoEmailings. */
  demoMsEmailings?: FakeEmailingSpec[];
}

export function createAccountsModule(
  ctx: BackendContext,
  options: AccountsModuleOptions = {},
): AccountsModule {
  const accounts = new AccountStore(ctx.db);
  const emailings = new EmailingStore(ctx.db);
  const profiles = new ProfileStore(ctx.db);
  const demo = new DemoServer(
    options.demoEmailings,
    options.demoMsEmailings ?? (options.demoEmailings ? [] : undefined),
  );
  const clients = new AccountClients(demo, ctx.copernicaOrigin, ctx.fetch, options.client ?? {});
  const hasToken = (id: number): boolean => clients.hasToken(id);
  const cacheChanged = (): void => ctx.emit('cacheChanged', { at: ctx.now().toISOString() });
  const apiBaseFor = (apiVersion: ApiVersion): string => clients.apiBaseFor(apiVersion);

  const connectivity = new Connectivity({
    emit: ctx.emit,
    now: ctx.now,
    intervalMs: options.probeIntervalMs ?? 30_000,
    // Any answer at all (Copernica refuses an empty token) proves the network; no token is sent.
    probe: () => clients.create(apiBaseFor('v2'), '', { maxAttempts: 1, timeoutMs: 10_000 }).identity(),
    onBackOnline: () => queue.resumeOffline(),
  });

  const queue: SyncQueue = new SyncQueue({
    ctx,
    accounts,
    emailings,
    clientFor: (account) => clients.forAccount(account),
    isOnline: () => connectivity.online,
    reachable: () => connectivity.reachable(),
    unreachable: () => connectivity.unreachable(),
    onTokenRejected: (id) => clients.forget(id),
    progressIntervalMs: options.progressIntervalMs ?? 100,
  });

  const usable = (account: AccountTarget): boolean =>
    account.tokenStatus !== 'rejected' && (account.isDemo || hasToken(account.id));

  const unusable = (account: AccountTarget): AppError =>
    new AppError(
      'invalid_token',
      account.tokenStatus === 'rejected'
        ? `Copernica refused the access token of "${account.label}". Enter a new access token for it.`
        : `"${account.label}" has no access token yet. Enter one to refresh it.`,
    );

  /** Runs one request for an account, keeping connectivity and the token status up to date. */
  async function request<T>(
    account: AccountTarget,
    work: (client: CopernicaClient) => Promise<T>,
  ): Promise<T> {
    const client = await clients.forAccount(account);
    try {
      const result = await work(client);
      if (!account.isDemo) connectivity.reachable();
      return result;
    } catch (error) {
      if (!account.isDemo) {
        if (isOfflineError(error)) connectivity.unreachable();
        else if (isAppError(error)) connectivity.reachable();
      }
      if (isAppError(error) && error.code === 'invalid_token') {
        accounts.markRejected(account.id);
        clients.forget(account.id);
      }
      throw error;
    }
  }

  async function refreshEmailingList(accountId: number): Promise<number[]> {
    const account = accounts.target(accountId);
    const list = await request(account, (client) => client.listEmailings());
    const msList = await request(account, (client) => listMsEmailings(client));
    emailings.storeList(accountId, list, ctx.now());
    emailings.storeList(accountId, msList, ctx.now(), 'ms');
    cacheChanged();
    return emailings.keysOfAccount(accountId);
  }

  let creatingDemo: Promise<number> | null = null;
  async function createDemo(): Promise<number> {
    const existing = accounts.findDemo();
    if (existing !== null) return existing;
    const identity = await new CopernicaClient({
      baseUrl: await demo.apiBase(),
      token: DEMO_TOKEN,
    }).identity();
    const id = accounts.insert(
      {
        label: DEMO_LABEL,
        apiBase: DEMO_API_BASE,
        apiVersion: 'v2',
        timeZone: 'Europe/Amsterdam',
        remoteId: identity.id,
        remoteName: identity.name,
        isDemo: true,
      },
      ctx.now(),
    );
    const keys = await refreshEmailingList(id);
    for (const key of keys) emailings.setTracked(key, true);
    queue.enqueue(keys);
    return id;
  }

  async function profileDetails(input: {
    accountId: number;
    profileId: number;
    subprofileId?: number | null | undefined;
  }): Promise<ProfileDetails> {
    const { accountId, profileId } = input;
    const subprofileId = input.subprofileId ?? null;
    const account = accounts.target(accountId);
    let problem: string | null = null;
    if (account.tokenStatus === 'rejected') {
      problem = 'Copernica refused this account’s access token, so the fields could not be fetched';
    } else if (!usable(account)) {
      problem = 'This account has no access token, so the fields could not be fetched';
    } else if (!account.isDemo && !connectivity.online) {
      problem = 'Copernica cannot be reached (offline)';
    } else {
      try {
        const profile = await request(account, (client) => client.profile(profileId));
        profiles.saveProfile(accountId, profile, ctx.now());
        if (subprofileId !== null) {
          const subprofile = await request(account, (client) => client.subprofile(subprofileId));
          profiles.saveSubprofile(accountId, subprofile, ctx.now());
        }
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (isOfflineError(error)) problem = 'Copernica cannot be reached (offline)';
        else if (error.code === 'invalid_token')
          problem = 'Copernica refused this account’s access token, so the fields could not be fetched';
        else if (error.code === 'not_found')
          problem = `Copernica has no ${profiles.profile(accountId, profileId) && subprofileId !== null ? `subprofile ${subprofileId}` : `profile ${profileId}`} (any more)`;
        else problem = error.message;
      }
    }
    const profile = profiles.profile(accountId, profileId);
    const subprofile = subprofileId === null ? null : profiles.subprofile(accountId, subprofileId);
    if (problem !== null) {
      const cached = profile ? `; showing the fields as fetched at ${profile.fetchedAt}` : '';
      problem = `${problem}${cached}.`;
    }
    return {
      accountId,
      profileId,
      profile,
      subprofile,
      fetchProblem: problem,
      name:
        profile && profile.removed === false
          ? profileNameOf(profile.fields, readProfileSettings(ctx.db, accountId).nameFields)
          : null,
      clicks: profiles.clicks(accountId, profileId),
    };
  }

  const handlers: PartialHandlers<AccountMethodName> = {
    listAccounts: () => accounts.list(hasToken),
    createDemoAccount: async () => {
      creatingDemo ??= createDemo().finally(() => (creatingDemo = null));
      const id = await creatingDemo;
      return accounts.account(id, hasToken);
    },
    refreshEmailingList: async ({ accountId }) => {
      await refreshEmailingList(accountId);
      return null;
    },
    listEmailings: (query) => {
      accounts.target(query.accountId);
      return withRates(
        ctx.db,
        emailings.list(query, (key) => queue.isSyncing(key)),
      );
    },
    setTracked: ({ emailingKey, tracked }) => {
      emailings.setTracked(emailingKey, tracked);
      const target = emailings.target(emailingKey);
      // Tracking an emailing that was never fetched starts its first refresh.
      if (
        tracked &&
        target &&
        !emailings.hasSucceeded(emailingKey) &&
        usable(accounts.target(target.accountId))
      ) {
        queue.enqueue([emailingKey]);
      }
      return null;
    },
    syncEmailings: ({ emailingKeys, accountId }) => {
      let keys: number[];
      if (emailingKeys) {
        keys = emailingKeys.map((key) => {
          const target = emailings.target(key);
          if (!target || (accountId !== undefined && target.accountId !== accountId)) {
            throw new AppError('not_found', `Emailing ${key} is not in the cache of that account.`);
          }
          return key;
        });
      } else {
        keys = emailings.trackedKeys(accountId);
      }
      if (accountId !== undefined) {
        const account = accounts.target(accountId);
        if (!usable(account)) throw unusable(account);
      }
      const accountOf = new Map<number, AccountTarget>();
      const runnable = keys.filter((key) => {
        const owner = emailings.target(key)?.accountId as number;
        const account = accountOf.get(owner) ?? accounts.target(owner);
        accountOf.set(owner, account);
        return usable(account);
      });
      const [first] = accountOf.values();
      if (runnable.length === 0 && emailingKeys && first) throw unusable(first);
      queue.enqueue(runnable);
      if (!connectivity.online) void connectivity.check();
      return null;
    },
    cancelSync: ({ emailingKey }) => {
      queue.cancel(emailingKey);
      return null;
    },
    removeCachedClicks: async ({ emailingKey }) => {
      const target = emailings.target(emailingKey);
      if (!target) throw new AppError('not_found', 'That emailing is not in the cache.');
      // Its sync must not write another page into what is being removed.
      await queue.stopEmailing(emailingKey);
      emailings.removeCachedClicks(emailingKey, (progress) =>
        ctx.emit('cacheRemovalProgress', { accountId: target.accountId, emailingKey, ...progress }),
      );
      cacheChanged();
      return null;
    },
    getStatus: () => ({
      online: connectivity.online,
      syncing: queue.syncingKeys(),
      fetchingProfiles: queue.profileKeys(),
      lastCheckedAt: connectivity.lastCheckedAt,
    }),
    getProfileDetails: (input) => profileDetails(input),
    getProfileColumns: ({ accountId }) => profileColumns(accountId),
    updateProfileSettings: ({ accountId, settings }) => {
      accounts.target(accountId);
      writeProfileSettings(ctx.db, accountId, settings);
      // A shorter retention applies at once, not at the next refresh.
      removeExpiredProfileFields(ctx.db, ctx.now(), accountId);
      cacheChanged();
      return profileColumns(accountId);
    },
  };

  function profileColumns(accountId: number) {
    accounts.target(accountId);
    return {
      accountId,
      settings: readProfileSettings(ctx.db, accountId),
      availableFields: databaseFieldNames(ctx.db, accountId),
    };
  }

  const internal: AccountInternalHandlers = {
    setCredentials: (list) => {
      for (const { accountId, token } of list) clients.setToken(accountId, token);
      return null;
    },
    verifyToken: async ({ apiVersion, token }) => {
      const client = clients.create(apiBaseFor(apiVersion), token, { maxAttempts: 3 });
      try {
        const identity = await client.identity();
        connectivity.reachable();
        return { remoteId: identity.id, remoteName: identity.name };
      } catch (error) {
        if (isOfflineError(error)) connectivity.unreachable();
        else if (isAppError(error)) connectivity.reachable();
        throw error;
      }
    },
    createAccount: (input) => {
      const apiBase = apiBaseFor(input.apiVersion);
      const existing = accounts.findByRemote(apiBase, input.remoteId);
      if (existing && (existing.isDemo || hasToken(existing.id))) {
        throw new AppError(
          'invalid_input',
          `This Copernica account is already in the app as "${existing.label}".`,
        );
      }
      let id: number;
      if (existing) {
        // Filled by the command-line tool before: adopt it with its cache.
        accounts.update(existing.id, input);
        id = existing.id;
      } else {
        id = accounts.insert({ ...input, apiBase }, ctx.now());
      }
      cacheChanged();
      return accounts.account(id, hasToken);
    },
    updateAccount: ({ id, ...change }) => {
      accounts.update(id, change);
      clients.forget(id);
      cacheChanged();
      return accounts.account(id, hasToken);
    },
    getAccount: ({ id }) => accounts.account(id, hasToken),
    getCachedEmailing: ({ emailingKey }) => emailings.cached(emailingKey),
    deleteAccount: async ({ id }) => {
      const account = accounts.target(id);
      await queue.stopAccount(id);
      accounts.delete(id, (progress) =>
        ctx.emit('cacheRemovalProgress', { accountId: id, emailingKey: null, ...progress }),
      );
      clients.setToken(id, null);
      if (account.isDemo && accounts.findDemo() === null) await demo.close();
      cacheChanged();
      return null;
    },
    startAutoRefresh: ({ refreshAfterMinutes }) => {
      const cutoff = new Date(ctx.now().getTime() - refreshAfterMinutes * 60_000);
      const usableById = new Map<number, boolean>();
      const isUsable = (accountId: number): boolean => {
        let known = usableById.get(accountId);
        if (known === undefined) usableById.set(accountId, (known = usable(accounts.target(accountId))));
        return known;
      };
      const stale = emailings
        .staleTrackedKeys(cutoff)
        .filter((key) => isUsable(emailings.target(key)?.accountId as number));
      queue.enqueue(stale);
      // Nothing to refresh from Copernica: one cheap probe still tells the window whether it is online.
      const usableReal = accounts.list(hasToken).filter((a) => !a.isDemo && a.tokenStatus === 'ok');
      const staleReal = stale.some(
        (key) => !accounts.target(emailings.target(key)?.accountId as number).isDemo,
      );
      if (usableReal.length > 0 && !staleReal) void connectivity.check();
      return null;
    },
  };

  return {
    handlers,
    internal,
    async close() {
      connectivity.close();
      await queue.close();
      await demo.close();
    },
  };
}

/**
 * An account's Marketing Suite emailings. An account without that product (an old
 * Publisher-only licence) may refuse the call; that is an empty list, not a failed refresh.
 */
async function listMsEmailings(client: CopernicaClient) {
  try {
    return await client.listEmailings(undefined, 'ms');
  } catch (error) {
    if (isAppError(error) && (error.code === 'not_found' || error.code === 'api_error')) return [];
    throw error;
  }
}
