/**
 * What the report of one emailing shows, read from the cache in a handful of grouped queries
 * over the scope's clicks: the facts of the first page, the key figures, the timeline, the
 * links (content and system links apart), and the most active profiles. The PDF, the preview
 * and the comparison all start from this.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { type LinkKind, linkKind } from '../../shared/linkKinds';
import { parseWallClock } from '../../shared/wallClock';
import { syncCompleteness } from '../export/completeness';
import { clicksPerHour } from './clicksPerHour';
import { type KeyFigures, reportKeyFigures } from './reportFigures';
import { devicesView, type DeviceRow } from '../devices/devicesView';
import { verdictsComputed } from './botScope';
import { andScope, isWholeEmailing, type ParsedScope } from './scopeSql';

const HOUR = 3600;
const DAY = 86_400;
/** The timeline is per hour for this long after sending, per day after. */
export const HOURLY_SPAN_HOURS = 48;
export const TOP_LINKS = 15;
export const TOP_PROFILES = 15;

export interface ReportLink {
  url: string | null;
  title: string | null;
  kind: LinkKind;
  clicks: number;
  /** Distinct destinations that clicked the link. */
  uniqueClickers: number;
  /** The link's clicks ÷ all clicks in the report's scope. */
  share: number;
}

export interface TimelineBar {
  /** Start of the hour or day, wall seconds in the account's zone. */
  start: number;
  clicks: number;
}

export interface EmailingReportData {
  emailingKey: number;
  accountLabel: string;
  timeZone: string;
  remoteId: number;
  subject: string | null;
  sentAt: string | null;
  /** When the clicks were last refreshed (ISO instant). */
  refreshedAt: string | null;
  /** First and last click in the scope, wall seconds. */
  firstClick: number | null;
  lastClick: number | null;
  scope: ParsedScope;
  /** Whether the emailing's clicks were judged human or suspected bot (botScope.ts). */
  botsJudged: boolean;
  /** Clicks and clicking destinations per device type, OS and client, of the whole emailing. */
  devices: DeviceRow[];
  figures: KeyFigures;
  /** Why the cache may lack clicks (a sync that did not finish), or null. */
  incomplete: string | null;
  timeline: { origin: number | null; hourly: TimelineBar[]; daily: TimelineBar[] };
  contentLinks: ReportLink[];
  systemLinks: ReportLink[];
  /** Content links beyond the top ones, so a reader knows the list is cut. */
  moreContentLinks: number;
  profiles: { profile: number | null; clicks: number; uniqueLinks: number; firstClick: number | null }[];
  /** The account's "leave out personal data" default, which the first page states. */
  leaveOutPersonalData: boolean;
}

interface Facts {
  leaveOutPersonalData: boolean;
  accountLabel: string;
  timeZone: string;
  remoteId: number;
  subject: string | null;
  sentAt: string | null;
  refreshedAt: string | null;
}

function facts(db: Database.Database, emailingKey: number): Facts {
  const row = db
    .prepare(
      `SELECT a.label AS accountLabel, a.time_zone AS timeZone, e.remote_id AS remoteId, e.subject,
              e.sent_at AS sentAt, s.last_success_at AS refreshedAt,
              COALESCE((SELECT ps.leave_out_personal_data FROM profile_settings ps WHERE ps.account_id = a.id), 0)
                AS leaveOutPersonalData
         FROM emailings e JOIN accounts a ON a.id = e.account_id
         LEFT JOIN sync_state s ON s.emailing_id = e.id
        WHERE e.id = ?`,
    )
    .get(emailingKey) as (Omit<Facts, 'leaveOutPersonalData'> & { leaveOutPersonalData: number }) | undefined;
  if (!row) throw new AppError('not_found', 'That emailing is not in the cache.');
  return { ...row, leaveOutPersonalData: row.leaveOutPersonalData === 1 };
}

/** Clicks per hour from the origin for two days, then per day (the days counted from the origin too). */
function timeline(
  hours: { hour: number; clicks: number }[],
  origin: number | null,
): EmailingReportData['timeline'] {
  if (origin === null) return { origin, hourly: [], daily: [] };
  const hourlyEnd = origin + HOURLY_SPAN_HOURS * HOUR;
  const firstHour = Math.floor(origin / HOUR) * HOUR;
  const byHour = new Map(hours.map((h) => [h.hour, h.clicks]));
  const hourly: TimelineBar[] = [];
  for (let start = firstHour; start < hourlyEnd; start += HOUR)
    hourly.push({ start, clicks: byHour.get(start) ?? 0 });
  const days = new Map<number, number>();
  let lastDay: number | null = null;
  for (const { hour, clicks } of hours) {
    if (hour < hourlyEnd) continue;
    const day = Math.floor(hour / DAY) * DAY;
    days.set(day, (days.get(day) ?? 0) + clicks);
    lastDay = day;
  }
  const daily: TimelineBar[] = [];
  if (lastDay !== null)
    for (let day = Math.floor(hourlyEnd / DAY) * DAY; day <= lastDay; day += DAY)
      daily.push({ start: day, clicks: days.get(day) ?? 0 });
  return { origin, hourly, daily };
}

/**
 * The links of a whole emailing from the totals the sync keeps: clicks from link_stats, unique
 * clickers as the (destination, link) pairs of each link, counted along destination_links_by_link
 * (migration 14) instead of sorting every pair. Parameters: the emailing's key, twice.
 */
export const WHOLE_EMAILING_LINK_TOTALS = `SELECT s.link, s.clicks, COALESCE(d.n, 0) AS uniqueClickers FROM link_stats s
    LEFT JOIN (SELECT link, COUNT(*) AS n FROM destination_links WHERE emailing_id = ? GROUP BY link) d
      ON d.link = s.link
   WHERE s.emailing_id = ?`;

/**
 * Each link clicked in the scope, most clicks first, with its unique clickers when `clickers`
 * (else null: a whole emailing is then its link_stats rows alone, a narrowed one a COUNT per link
 * without COUNT(DISTINCT)).
 */
function linkRows(
  db: Database.Database,
  emailingKey: number,
  scope: ParsedScope,
  clickers: boolean,
): { url: string | null; title: string | null; clicks: number; uniqueClickers: number | null }[] {
  const where = andScope(scope);
  const totals = isWholeEmailing(scope)
    ? clickers
      ? { sql: WHOLE_EMAILING_LINK_TOTALS, params: [emailingKey, emailingKey] }
      : {
          sql: 'SELECT s.link, s.clicks, NULL AS uniqueClickers FROM link_stats s WHERE s.emailing_id = ?',
          params: [emailingKey],
        }
    : {
        sql: `SELECT c.link, COUNT(*) AS clicks, ${clickers ? 'COUNT(DISTINCT c.destination)' : 'NULL'} AS uniqueClickers
                FROM clicks c WHERE c.emailing_id = ? AND c.link IS NOT NULL${where.sql} GROUP BY c.link`,
        params: [emailingKey, ...where.params],
      };
  return db
    .prepare(
      `SELECT l.url, l.title, t.clicks, t.uniqueClickers FROM (${totals.sql}) AS t
         JOIN links l ON l.id = t.link ORDER BY t.clicks DESC, l.id`,
    )
    .all(...totals.params) as ReturnType<typeof linkRows>;
}

/** Every link clicked in the scope, most clicks first, with its kind and share of `total`. */
export function rankedLinks(
  db: Database.Database,
  emailingKey: number,
  scope: ParsedScope,
  total: number,
): ReportLink[] {
  return linkRows(db, emailingKey, scope, true).map((l) => ({
    ...l,
    uniqueClickers: l.uniqueClickers ?? 0,
    kind: linkKind(l.url),
    share: total ? l.clicks / total : 0,
  }));
}

export type LinkClicks = Pick<ReportLink, 'url' | 'title' | 'kind' | 'clicks'>;

/**
 * The links of rankedLinks, in its order, with their clicks only: what the comparison matches
 * across emailings. It prints no unique clickers per link, and counting them was most of its
 * time (twelve emailings of 100,000 clicks: every (destination, link) pair read once more).
 */
export function linkClicks(db: Database.Database, emailingKey: number, scope: ParsedScope): LinkClicks[] {
  return linkRows(db, emailingKey, scope, false).map(({ url, title, clicks }) => ({
    url,
    title,
    clicks,
    kind: linkKind(url),
  }));
}

export function emailingReportData(
  db: Database.Database,
  emailingKey: number,
  scope: ParsedScope,
): EmailingReportData {
  const f = facts(db, emailingKey);
  const where = andScope(scope);
  const params = [emailingKey, ...where.params];
  const span = db
    .prepare(
      // Apart, so that each can be one step along the time index.
      `SELECT (SELECT MIN(c.ts_local) FROM clicks c WHERE c.emailing_id = ?${where.sql}) AS first,
              (SELECT MAX(c.ts_local) FROM clicks c WHERE c.emailing_id = ?${where.sql}) AS last`,
    )
    .get(...params, ...params) as { first: number | null; last: number | null };
  const hours = clicksPerHour(db, emailingKey, scope, span);
  const sent = f.sentAt === null ? null : parseWallClock(f.sentAt);
  const figures = reportKeyFigures(db, emailingKey, scope);
  const ranked = rankedLinks(db, emailingKey, scope, figures.cache.clicks);
  const content = ranked.filter((l) => l.kind === 'content');
  const profiles = db
    .prepare(
      isWholeEmailing(scope)
        ? `SELECT profile, clicks, unique_links AS uniqueLinks, first_ts AS firstClick FROM profile_stats
            WHERE emailing_id = ? AND profile IS NOT NULL ORDER BY clicks DESC, profile LIMIT ${TOP_PROFILES}`
        : `SELECT c.profile, COUNT(*) AS clicks, COUNT(DISTINCT c.link) AS uniqueLinks, MIN(c.ts_local) AS firstClick
             FROM clicks c WHERE c.emailing_id = ? AND c.profile IS NOT NULL${where.sql}
            GROUP BY c.profile ORDER BY clicks DESC, c.profile LIMIT ${TOP_PROFILES}`,
    )
    .all(...(isWholeEmailing(scope) ? [emailingKey] : params)) as EmailingReportData['profiles'];
  return {
    emailingKey,
    ...f,
    firstClick: span.first,
    lastClick: span.last,
    scope,
    botsJudged: verdictsComputed(db, emailingKey),
    devices: devicesView(db, emailingKey, scope.excludeBots).rows,
    figures,
    incomplete: syncCompleteness(db, emailingKey).warning,
    // The timeline counts from the send time; without one, from the first click.
    timeline: timeline(hours, sent ?? span.first),
    contentLinks: content.slice(0, TOP_LINKS),
    moreContentLinks: Math.max(0, content.length - TOP_LINKS),
    systemLinks: ranked.filter((l) => l.kind !== 'content'),
    profiles,
  };
}
