import { describe, expect, it } from 'vitest';
import { isDigestedLabel, isKnownBotAgent } from '../../src/backend/bots/knownAgent';
import { ipRangeMatcher, parseIp } from '../../src/backend/bots/ipRanges';
import { microsoftScannerRanges } from '../../src/shared/schemas/bots';

const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

describe('known agent', () => {
  it.each([
    ['python-requests/2.31.0'],
    ['curl/8.4.0'],
    ['Go-http-client/1.1'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
    ],
    ['Mozilla/5.0 (compatible; Mimecast/1.0)'],
    ['Barracuda Sentinel (EE)'],
    ['Proofpoint URL Defense'],
    ['Microsoft-SafeLinks'],
    ['Mozilla/5.0 (compatible; Symantec MessageLabs)'],
    ['Mozilla/5.0 (Windows NT 10.0) Trend Micro Email Security'],
    ['Mozilla/5.0 Cisco IronPort'],
    [''],
    ['   '],
  ])('flags %j', (agent) => {
    expect(isKnownBotAgent(agent)).toBe(true);
  });

  it('flags a click without a user agent', () => {
    expect(isKnownBotAgent(null)).toBe(true);
  });

  it.each([
    [chrome],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    ],
    ['Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.5056; Pro)'],
    ['Firefox 3.6, WinXP'],
    ['Internet Explorer 8, Windows 7'],
    ['Safari, MacOS X'],
  ])('takes %j for a person', (agent) => {
    expect(isKnownBotAgent(agent)).toBe(false);
  });

  it('knows Copernica’s digested labels from user-agent strings', () => {
    expect(isDigestedLabel('Firefox 3.6, WinXP')).toBe(true);
    expect(isDigestedLabel(chrome)).toBe(false);
    expect(isDigestedLabel('python-requests/2.31, linux')).toBe(false);
  });
});

describe('scanner network ranges', () => {
  const microsoft = ipRangeMatcher(microsoftScannerRanges);

  it('matches the first and last address of a range and not the ones beside it', () => {
    expect(microsoft('40.92.0.0')).toBe(true);
    expect(microsoft('40.92.255.255')).toBe(true);
    expect(microsoft('40.91.255.255')).toBe(false);
    expect(microsoft('40.93.0.0')).toBe(false);
    expect(microsoft('52.96.0.1')).toBe(true);
    expect(microsoft('52.111.255.255')).toBe(true);
    expect(microsoft('52.112.0.0')).toBe(false);
  });

  it('matches IPv6, and IPv4 written as IPv6', () => {
    expect(microsoft('2a01:111:f400::1')).toBe(true);
    expect(microsoft('2a01:112::1')).toBe(false);
    expect(microsoft('::ffff:40.92.1.1')).toBe(true);
  });

  it('takes what is no address for outside every range', () => {
    expect(microsoft('0.0.0.0')).toBe(false);
    expect(microsoft('not an ip')).toBe(false);
    expect(microsoft(null)).toBe(false);
    expect(parseIp('1.2.3.256')).toBeNull();
    expect(parseIp('1::2::3')).toBeNull();
  });

  it('refuses a range that does not parse, naming it', () => {
    expect(() => ipRangeMatcher(['40.92.0.0/33'])).toThrow(/40\.92\.0\.0\/33/);
    expect(() => ipRangeMatcher(['example.com/16'])).toThrow(/not an IP range/);
  });
});
