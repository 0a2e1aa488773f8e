/**
 * A user agent as device type, operating system and browser or mail client, with ua-parser-js
 * 1.x (MIT; 2.x is AGPL and not for a distributed app). Each distinct user agent is parsed once
 * (texts holds it once; agent_devices keeps the answer). What cannot be read is "unknown",
 * never an error; Copernica's digested labels ("Firefox 3.6, WinXP") are read as the browser
 * and OS they name.
 */
import UAParser from 'ua-parser-js';
import { isDigestedLabel } from '../bots/knownAgent';

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'unknown';

export interface AgentDevice {
  device: DeviceType;
  os: string;
  client: string;
}

export const UNKNOWN = 'unknown';

/** Mail clients that open links in their own view and say so; browsers come from the parser. */
const mailClients: [RegExp, string][] = [
  [/Microsoft Outlook|ms-office|MSOffice|Outlook-(iOS|Android)|\bOutlook\//i, 'Outlook'],
  [/\(Apple Mail\)/i, 'Apple Mail'],
  [/\bGmail\b|com\.google\.android\.gm|GoogleMail/i, 'Gmail'],
  [/Thunderbird/i, 'Thunderbird'],
  [/YahooMobileMail|YMobile|Yahoo ?Mail/i, 'Yahoo Mail'],
];

const osNames: [RegExp, string][] = [
  [/^windows/i, 'Windows'],
  [/^mac ?os|os x/i, 'macOS'],
  [/^ios$/i, 'iOS'],
  [/^android/i, 'Android'],
  [/^chrom(e|ium) ?os/i, 'ChromeOS'],
  [/linux|ubuntu|debian|fedora|mint|arch|gentoo|red ?hat|suse|centos/i, 'Linux'],
];

/** How digested labels name an OS ("WinXP", "MacOS X", "iPhone"). */
const labelOs: [RegExp, string][] = [
  [/win/i, 'Windows'],
  [/iphone|ipad|ios/i, 'iOS'],
  [/mac|os ?x/i, 'macOS'],
  [/android/i, 'Android'],
  [/linux|ubuntu/i, 'Linux'],
];

const desktopOs = new Set(['Windows', 'macOS', 'Linux', 'ChromeOS']);

function bucket(name: string | undefined, table: [RegExp, string][]): string {
  if (!name) return UNKNOWN;
  for (const [pattern, label] of table) if (pattern.test(name)) return label;
  return name;
}

function deviceFromOs(os: string, parsed?: string): DeviceType {
  if (parsed === 'tablet') return 'tablet';
  if (parsed === 'mobile' || parsed === 'wearable') return 'mobile';
  if (parsed) return 'unknown';
  if (desktopOs.has(os)) return 'desktop';
  if (os === 'iOS' || os === 'Android') return 'mobile';
  return 'unknown';
}

function fromLabel(label: string): AgentDevice {
  const [clientPart = '', osPart = ''] = label.split(',');
  const client = clientPart.replace(/[\d.]+\s*$/, '').trim() || UNKNOWN;
  const os = bucket(osPart.trim(), labelOs);
  const known = labelOs.some(([, name]) => name === os);
  const osName = known ? os : UNKNOWN;
  return { device: /ipad/i.test(osPart) ? 'tablet' : deviceFromOs(osName), os: osName, client };
}

export function parseAgent(userAgent: string | null): AgentDevice {
  const text = userAgent?.trim() ?? '';
  if (text === '') return { device: 'unknown', os: UNKNOWN, client: UNKNOWN };
  if (isDigestedLabel(text)) return fromLabel(text);
  const result = new UAParser(text).getResult();
  const os = bucket(result.os.name, osNames);
  const mail = mailClients.find(([pattern]) => pattern.test(text))?.[1];
  let client = mail ?? result.browser.name ?? UNKNOWN;
  // An Apple WebKit view that is no Safari on a Mac is Apple Mail's own view of a message.
  if (!mail && os === 'macOS' && client === 'WebKit') client = 'Apple Mail';
  return { device: deviceFromOs(os, result.device.type), os, client };
}
