/**
 * The Devices view: clicks and unique clickers (distinct destinations) per device type, OS and
 * browser or mail client, read from the tallies the verdicts keep (bots/tallies.ts): a few dozen
 * rows whatever the emailing's size. With suspected bots left out, the persons' counts, and what
 * was left out beside them. The tallies are of the whole emailing: the view does not follow the
 * period control.
 */
import type Database from 'better-sqlite3';

export const deviceDimensions = ['device', 'os', 'client'] as const;
export type DeviceDimension = (typeof deviceDimensions)[number];

export interface DeviceRow {
  dimension: DeviceDimension;
  value: string;
  clicks: number;
  uniqueClickers: number;
}

export interface DevicesView {
  rows: DeviceRow[];
  excludeBots: boolean;
  /** Clicks the switch left out (0 when bots are shown). */
  botClicksLeftOut: number;
}

interface TallyRow {
  dimension: DeviceDimension | 'all';
  value: string;
  clicks: number;
  clickers: number;
  humanClicks: number;
  humanClickers: number;
}

export function devicesView(db: Database.Database, emailingKey: number, excludeBots: boolean): DevicesView {
  const tallies = db
    .prepare(
      `SELECT dimension, value, clicks, clickers, human_clicks AS humanClicks, human_clickers AS humanClickers
         FROM click_tallies WHERE emailing_id = ? AND dimension IN ('all', 'device', 'os', 'client')`,
    )
    .all(emailingKey) as TallyRow[];
  const rows: DeviceRow[] = [];
  let botClicksLeftOut = 0;
  for (const t of tallies) {
    if (t.dimension === 'all') {
      if (excludeBots) botClicksLeftOut = t.clicks - t.humanClicks;
      continue;
    }
    const clicks = excludeBots ? t.humanClicks : t.clicks;
    if (clicks === 0) continue;
    rows.push({
      dimension: t.dimension,
      value: t.value,
      clicks,
      uniqueClickers: excludeBots ? t.humanClickers : t.clickers,
    });
  }
  const rank = (d: DeviceDimension): number => deviceDimensions.indexOf(d);
  rows.sort(
    (a, b) => rank(a.dimension) - rank(b.dimension) || b.clicks - a.clicks || a.value.localeCompare(b.value),
  );
  return { rows, excludeBots, botClicksLeftOut };
}
