/**
 * Whether the cached clicks of an emailing are all its syncs were to bring, the one definition
 * the CLI, the app's export menu and banner and the client report share. An export of a
 * half-synced emailing is still written (what is cached is the user's), but it says so.
 *
 * Not complete, while the emailing has cached clicks:
 * - a run is in progress (`run_next_start` is set): a sync was killed, cancelled, failed, or is
 *   running right now, and the clicks after its offset are not here yet;
 * - it was never synced to the end (no `last_success_at`);
 * - its last error is newer than its last success.
 */
import type Database from 'better-sqlite3';
import type { SyncCompleteness } from '../../shared/schemas/export';

interface SyncFacts {
  remoteId: number;
  reportedClicks: number | null;
  cachedClicks: number;
  runNextStart: number | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
}

const count = new Intl.NumberFormat('en-US');

export function syncCompleteness(db: Database.Database, emailingKey: number): SyncCompleteness {
  const facts = db
    .prepare(
      `SELECT e.remote_id AS remoteId, e.reported_clicks AS reportedClicks,
              (SELECT COUNT(*) FROM clicks c WHERE c.emailing_id = e.id) AS cachedClicks,
              s.run_next_start AS runNextStart, s.last_success_at AS lastSuccessAt,
              s.last_error_at AS lastErrorAt
         FROM emailings e LEFT JOIN sync_state s ON s.emailing_id = e.id
        WHERE e.id = ?`,
    )
    .get(emailingKey) as SyncFacts | undefined;
  if (!facts) return { complete: true, cachedClicks: 0, reportedClicks: null, warning: null };
  const { cachedClicks, reportedClicks } = facts;
  // ISO instants written by the same clock compare as text.
  const { runNextStart, lastSuccessAt, lastErrorAt } = facts;
  const unfinished =
    runNextStart !== null || lastSuccessAt === null || (lastErrorAt !== null && lastErrorAt > lastSuccessAt);
  if (cachedClicks === 0 || !unfinished) {
    return { complete: true, cachedClicks, reportedClicks, warning: null };
  }
  const reported =
    reportedClicks !== null && reportedClicks > cachedClicks
      ? ` of the ${count.format(reportedClicks)} that Copernica reports`
      : '';
  return {
    complete: false,
    cachedClicks,
    reportedClicks,
    // Each place that shows it adds its own advice: "Run sync again", "Refresh the emailing".
    warning:
      `The last sync of emailing ${facts.remoteId} did not finish; this export holds the ` +
      `${count.format(cachedClicks)} ${cachedClicks === 1 ? 'click' : 'clicks'} cached so far${reported}.`,
  };
}
