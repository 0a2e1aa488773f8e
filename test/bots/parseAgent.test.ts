import { expect, it } from 'vitest';
import { parseAgent } from '../../src/backend/devices/parseAgent';

it.each([
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    { device: 'desktop', os: 'Windows', client: 'Chrome' },
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    { device: 'mobile', os: 'iOS', client: 'Mobile Safari' },
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    { device: 'tablet', os: 'iOS', client: 'WebKit' },
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
    { device: 'desktop', os: 'macOS', client: 'Apple Mail' },
  ],
  [
    'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.5056; Pro)',
    { device: 'desktop', os: 'Windows', client: 'Outlook' },
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0',
    { device: 'desktop', os: 'Windows', client: 'Thunderbird' },
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
    { device: 'mobile', os: 'Android', client: 'Chrome' },
  ],
  ['Firefox 3.6, WinXP', { device: 'desktop', os: 'Windows', client: 'Firefox' }],
  ['Safari, iPad', { device: 'tablet', os: 'iOS', client: 'Safari' }],
  ['Opera 9, BeOS', { device: 'unknown', os: 'unknown', client: 'Opera' }],
  ['', { device: 'unknown', os: 'unknown', client: 'unknown' }],
  ['python-requests/2.31.0', { device: 'unknown', os: 'unknown', client: 'unknown' }],
  ['\u0000\uffff garbage ((((', { device: 'unknown', os: 'unknown', client: 'unknown' }],
])('reads %j', (agent, expected) => {
  expect(parseAgent(agent)).toEqual(expected);
});
