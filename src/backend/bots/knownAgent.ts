/**
 * The "known agent" rule: a user agent that is a bot, crawler, headless browser, HTTP library or
 * link scanner, or none at all. isbot knows crawlers and libraries; the mail-security scanners
 * that name themselves are added here. Those that pose as Chrome (Safe Links) pass every list:
 * the behavioural rules catch them.
 *
 * Older Publisher data holds a digested label instead of a user-agent string ("Firefox 3.6,
 * WinXP" in Copernica's own example). isbot calls such a label a bot because it is not shaped
 * like a browser's; it is the label of a person's browser, so it is taken for one.
 */
import { isbot } from 'isbot';

/** Scanners and previewers isbot does not know (it is built for crawlers). */
const scanners = new RegExp(
  [
    'mimecast',
    'barracuda',
    'proofpoint',
    'safelinks',
    'symantec',
    'messagelabs',
    'trend ?micro',
    'forcepoint',
    'ironport',
    'cisco',
    'zscaler',
    'sophos',
    'fireeye',
    'trustwave',
    'hornetsecurity',
    'avanan',
    'check ?point',
    'cofense',
    'vade',
    'cloudmark',
    'spamtitan',
    'bitdefender',
    'urlscan',
    'headless',
    'phantomjs',
    'electron/',
    'python',
    'java/',
    'go-http',
    'okhttp',
    'http(-|_)?client',
    'libwww',
    'curl',
    'wget',
  ].join('|'),
  'i',
);

const digestedLabel =
  /^(firefox|chrome|chromium|safari|internet explorer|ie|msie|opera|edge|thunderbird|outlook|apple mail|netscape|mozilla|android|iphone|ipad|other|unknown)\b[^,/()]{0,40},\s*[^,/()]{1,40}$/i;

/** Whether a user agent is Copernica's digested label of a browser and an OS. */
export function isDigestedLabel(userAgent: string): boolean {
  return digestedLabel.test(userAgent.trim());
}

export function isKnownBotAgent(userAgent: string | null): boolean {
  const text = userAgent?.trim() ?? '';
  if (text === '') return true;
  if (isDigestedLabel(text)) return false;
  return isbot(text) || scanners.test(text);
}
