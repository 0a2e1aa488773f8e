/** `sync`: brings the named emailings' clicks into the cache, as the app's own sync does. */
import { dirname } from 'node:path';
import { isAppError } from '../shared/errors';
import { AccountStore } from '../backend/accounts/accountStore';
import { CopernicaClient, DEFAULT_BASE_URL } from '../backend/copernica/client';
import { DEFAULT_AUTH_URL } from '../backend/copernica/jwtSession';
import { openDatabase } from '../backend/db/open';
import { ensurePrivateFolder } from '../backend/privateFiles';
import { type SyncPlan, planSync, runSync } from '../backend/sync/runSync';
import { accessToken, emailingIds, userPath, validBaseUrl, validTimeZone } from './arguments';
import { createProgressReporter } from './progressBar';
import { StoppedError, listenForStop } from './stopSignals';
import { SyncNarrator, count, retryLine, versionHint } from './syncMessages';
import { TOOL, UsageError, defaultDb, parse, wantsHelp } from './usage';
import type { ProfileFetchProgress } from '../shared/schemas/profiles';

export const SYNC_HELP = `Usage: ${TOOL} sync --emailing ID [--emailing ID …] [--ms-emailing ID …] [--token-file FILE] [OPTIONS]

Brings the clicks of each emailing into the cache: everything the first time, then what is new.
Progress goes to stderr, one summary line to stdout. Ctrl-C or SIGTERM keeps what was fetched
and exits 130 or 143; the same command then resumes where it stopped.

  --emailing ID  a Publisher emailing's ID at Copernica (repeat for more)
  --ms-emailing ID  a Marketing Suite emailing's ID (repeat for more; the two products number apart)
  --token-file FILE  a file holding the access token, readable by you alone (chmod 600)
  --token TOKEN  the token itself; prefer --token-file or COPERNICA_TOKEN, since a
                 --token shows in the process list and in your shell history
  --base-url URL API base, default ${DEFAULT_BASE_URL}; its last segment picks the REST version
                 (…/v2, …/v3, …/v4); https, or http to this computer only (127.0.0.1, ::1, localhost)
  --auth-url URL where v4 exchanges the access token for a JWT, default ${DEFAULT_AUTH_URL}
  --db FILE      cache file, default the app's own: ${defaultDb()}
  --time-zone ZONE  the zone of the account's timestamps, default Europe/Amsterdam; on an account
                 already cached it changes the zone and recomputes the cached clicks' instants
  --retries N    how often to retry a temporary error (429, 5xx, network) with backoff, default 5
  --profiles     also fetch the fields of the profiles (and subprofiles) that clicked, in bulk:
                 ID ranges of the database where clickers are dense, one call each where few;
                 resumable like the clicks (export them with --profile-fields)
  --help         this text`;

export async function syncCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${SYNC_HELP}\n`);
    return 0;
  }
  const values = parse(args, {
    'base-url': { type: 'string', default: DEFAULT_BASE_URL },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    emailing: { type: 'string', multiple: true },
    'ms-emailing': { type: 'string', multiple: true },
    'auth-url': { type: 'string', default: DEFAULT_AUTH_URL },
    db: { type: 'string' },
    'time-zone': { type: 'string' },
    retries: { type: 'string', default: '5' },
    profiles: { type: 'boolean', default: false },
  });
  const retries = Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20)
    throw new UsageError('--retries takes a whole number from 0 to 20.');
  const token = accessToken(
    values.token as string | undefined,
    values['token-file'] === undefined ? undefined : userPath(values['token-file'] as string),
  );
  const msIds = emailingIds(values['ms-emailing'], false).map((id) => ({ product: 'ms' as const, id }));
  const ids = [...emailingIds(values.emailing, msIds.length === 0), ...msIds];
  const apiBase = validBaseUrl(values['base-url'] as string);
  const authUrl = validBaseUrl(values['auth-url'] as string, '--auth-url', DEFAULT_AUTH_URL);
  const timeZone =
    values['time-zone'] === undefined ? undefined : validTimeZone(values['time-zone'] as string);
  const dbPath = userPath((values.db as string | undefined) ?? defaultDb());

  const stop = listenForStop();
  const started = performance.now();
  // One line per emailing's profile fetch, when it ends (the clicks have their progress bar).
  const profileProgress = (p: ProfileFetchProgress): void => {
    if (p.phase === 'done' && p.total > 0)
      process.stderr.write(
        `Profiles of emailing ${p.emailingId}: ${p.done} fetched in ${p.requests} requests\n`,
      );
  };
  const narrator = new SyncNarrator(process.stderr);
  const client = new CopernicaClient({
    baseUrl: apiBase,
    token,
    authUrl,
    maxAttempts: retries + 1,
    onRetry: (info) => narrator.line(retryLine(info, retries)),
  });
  try {
    // Everything Copernica can refuse is asked before the cache is even opened.
    let plan: SyncPlan;
    try {
      plan = await planSync(client, apiBase, ids, stop.signal);
    } catch (error) {
      if (stop.received()) throw new StoppedError('stopped before anything was fetched.', stop.exitCode());
      throw versionHint(error, apiBase) ?? error;
    }
    // The app's own folder is made private (0700); a folder the user named with --db is theirs.
    if (values.db === undefined) ensurePrivateFolder(dirname(dbPath));
    const db = openDatabase(dbPath);
    try {
      if (timeZone !== undefined) applyTimeZone(db, plan, timeZone, narrator);
      const progress = createProgressReporter(process.stderr);
      const result = await runSync({
        db,
        source: client,
        plan,
        timeZone,
        signal: stop.signal,
        onProgress: (p) => {
          narrator.observe(p);
          progress(p);
        },
        ...(values.profiles
          ? {
              profiles: client,
              onProfileProgress: (p: ProfileFetchProgress) => profileProgress(p),
            }
          : {}),
      }).catch((error: unknown) => {
        if (stop.received() && isAppError(error) && error.code === 'cancelled')
          throw new StoppedError(narrator.stoppedLine(), stop.exitCode());
        throw error;
      });
      const seconds = (performance.now() - started) / 1000;
      const number = new Intl.NumberFormat('en-US');
      const inserted = result.emailings.reduce((sum, e) => sum + e.inserted, 0);
      const fetched = result.emailings.reduce((sum, e) => sum + e.fetched, 0);
      const pages = result.emailings.reduce((sum, e) => sum + e.pages, 0);
      const rejected = result.emailings.reduce((sum, e) => sum + e.rejected, 0);
      // Refused clicks are never dropped silently: the count says how many the server sent wrong.
      const refusedText =
        rejected === 0
          ? ''
          : `; ${number.format(rejected)} refused as invalid (a bad ID or no time), not stored`;
      const cached = result.emailings
        .map((e, i) => {
          const ms = plan.emailings[i]?.product === 'ms' ? 'Marketing Suite ' : '';
          return `${ms}${e.emailingId}: ${number.format(e.cachedRows)}`;
        })
        .join(', ');
      const fetchedProfiles = result.profiles.reduce((sum, p) => sum + p.profiles + p.subprofiles, 0);
      const profileRequests = result.profiles.reduce((sum, p) => sum + p.requests, 0);
      const removedProfiles = result.profiles.reduce((sum, p) => sum + p.removed, 0);
      const profilesText = values.profiles
        ? `; ${count(fetchedProfiles, 'clicking profile')} fetched in ${count(profileRequests, 'request')}` +
          (removedProfiles > 0 ? ` (${number.format(removedProfiles)} removed at Copernica)` : '')
        : '';
      const changed = result.statistics.filter((s) => s === 'changed').length;
      const statistics = `Copernica's statistics fetched${changed === 0 ? '' : ` (${changed} changed)`}`;
      process.stdout.write(
        `Synced ${count(result.emailings.length, 'emailing')} of "${result.accountLabel}": ` +
          `${count(inserted, 'new click')} (${number.format(fetched)} read in ${count(pages, 'request')}${refusedText}) ` +
          `in ${seconds.toFixed(1)} s; cached clicks ${cached}; ${statistics}${profilesText}; cache ${dbPath}\n`,
      );
      return 0;
    } finally {
      db.close();
    }
  } finally {
    stop.dispose();
  }
}

/**
 * `--time-zone` on an account already cached changes it, as the app's account settings do: the
 * cached clicks' instants are recomputed in the new zone (their wall-clock text stays as sent).
 */
function applyTimeZone(
  db: ReturnType<typeof openDatabase>,
  plan: SyncPlan,
  timeZone: string,
  narrator: SyncNarrator,
): void {
  const accounts = new AccountStore(db);
  const account = accounts.findByRemote(plan.apiBase, plan.identity.id);
  if (!account || account.timeZone === timeZone) return;
  accounts.update(account.id, { timeZone });
  narrator.line(
    `Time zone of "${account.label}" changed from ${account.timeZone} to ${timeZone}; the cached clicks' instants were recomputed.`,
  );
}
