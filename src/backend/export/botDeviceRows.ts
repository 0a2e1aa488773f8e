/**
 * The bot line and the device breakdown on the report's Summary sheet: how many clicks the
 * suspected bots made and were left out, by which rule (a click with several reasons counts
 * under each), the rules with their thresholds, and clicks and unique clickers per device type,
 * OS and client without the suspected bots.
 */
import type Database from 'better-sqlite3';
import { type BotRules, botReasonLabel, botReasons } from '../../shared/schemas/bots';
import { readBotRules } from '../bots/botRulesStore';
import { devicesView } from '../devices/devicesView';
import { CacheClickFigures } from '../figures/cacheClickFigures';
import type { SummaryRow } from './keyFiguresRows';

/** The rules in use as one sentence, thresholds included. */
export function rulesText(rules: BotRules): string {
  const parts: string[] = [];
  if (rules.burst.enabled)
    parts.push(`burst (${rules.burst.minLinks}+ links within ${rules.burst.seconds} s)`);
  if (rules.everyLink.enabled) parts.push(`every link (emailings of ${rules.everyLink.minLinks}+ links)`);
  if (rules.knownAgent.enabled) parts.push('known agent');
  if (rules.scannerNetwork.enabled && rules.scannerNetwork.ranges.length > 0)
    parts.push(`scanner network (${rules.scannerNetwork.ranges.join(', ')})`);
  if (rules.sticky.enabled) parts.push(`sticky (same IP within ${rules.sticky.minutes} min)`);
  return parts.length ? parts.join('; ') : 'no rule is on';
}

const dimensionTitle = { device: 'Device type', os: 'Operating system', client: 'Browser or mail client' };

export function botAndDeviceRows(db: Database.Database, emailingKey: number): SummaryRow[] {
  const figures = new CacheClickFigures(db).figures(emailingKey);
  const byReason = botReasons
    .map((r) => `${botReasonLabel[r].toLowerCase()} ${figures.botClicksByReason[r]}`)
    .join(', ');
  const devices = devicesView(db, emailingKey, true);
  return [
    [['Suspected bots'], ['label']],
    [
      ['Suspected bot clicks left out', figures.botClicks, `by rule: ${byReason}`],
      ['label', 'count', 'text'],
    ],
    [
      ['Rules', rulesText(readBotRules(db))],
      ['label', 'text'],
    ],
    [
      ['Human clicks', figures.humanClicks, 'cached clicks without the suspected bots'],
      ['label', 'count', 'text'],
    ],
    [
      ['Human unique clickers', figures.humanUniqueClickers, 'distinct destinations with a human click'],
      ['label', 'count', 'text'],
    ],
    [[], []],
    [['Devices (suspected bots left out)'], ['label']],
    [
      ['Breakdown', 'Value', 'Clicks', 'Unique clickers'],
      ['label', 'label', 'label', 'label'],
    ],
    ...devices.rows.map((r): SummaryRow => [
      [dimensionTitle[r.dimension], r.value, r.clicks, r.uniqueClickers],
      ['text', 'text', 'count', 'count'],
    ]),
  ];
}
