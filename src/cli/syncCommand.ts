/** `sync`: brings the named emailings' clicks into the cache, as the app's own sync does. */
import { dirname, resolve } from 'node:path';
import { CopernicaClient, DEFAULT_BASE_URL } from '../backend/copernica/client';
import { openDatabase } from '../backend/db/open';
import { ensurePrivateFolder } from '../backend/privateFiles';
import { planSync, runSync } from '../backend/sync/runSync';
import { accessToken, emailingIds, validBaseUrl, validTimeZone } from './arguments';
import { createProgressReporter } from './progressBar';
import { UsageError, defaultDb, parse } from './usage';

export async function syncCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    'base-url': { type: 'string', default: DEFAULT_BASE_URL },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    emailing: { type: 'string', multiple: true },
    db: { type: 'string' },
    'time-zone': { type: 'string' },
    retries: { type: 'string', default: '5' },
  });
  const retries = Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20)
    throw new UsageError('--retries takes a whole number from 0 to 20.');
  const token = accessToken(values.token as string | undefined, values['token-file'] as string | undefined);
  const ids = emailingIds(values.emailing);
  const apiBase = validBaseUrl(values['base-url'] as string);
  const timeZone =
    values['time-zone'] === undefined ? undefined : validTimeZone(values['time-zone'] as string);
  const dbPath = resolve((values.db as string | undefined) ?? defaultDb());

  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const started = performance.now();
  const client = new CopernicaClient({ baseUrl: apiBase, token, maxAttempts: retries + 1 });
  // Everything Copernica can refuse is asked before the cache is even opened.
  const plan = await planSync(client, apiBase, ids, controller.signal);
  // The app's own folder is made private (0700); a folder the user named with --db is theirs.
  if (values.db === undefined) ensurePrivateFolder(dirname(dbPath));
  const db = openDatabase(dbPath);
  try {
    const result = await runSync({
      db,
      source: client,
      plan,
      timeZone,
      signal: controller.signal,
      onProgress: createProgressReporter(process.stderr),
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
    const cached = result.emailings.map((e) => `${e.emailingId}: ${number.format(e.cachedRows)}`).join(', ');
    process.stdout.write(
      `Synced ${result.emailings.length} emailing${result.emailings.length === 1 ? '' : 's'} of "${result.accountLabel}": ` +
        `${number.format(inserted)} new clicks (${number.format(fetched)} read in ${number.format(pages)} ${pages === 1 ? 'request' : 'requests'}${refusedText}) ` +
        `in ${seconds.toFixed(1)} s; cached clicks ${cached}; cache ${dbPath}\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    db.close();
  }
}
