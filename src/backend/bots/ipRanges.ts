/**
 * The "scanner network" rule: whether an IP lies in one of the CIDR ranges the user keeps. IPv4
 * and IPv6, both as BigInt so one comparison serves both; an IPv4-mapped IPv6 address
 * (::ffff:40.92.1.1) is read as the IPv4 it holds. Each distinct IP is tested once per pass
 * (the caller caches), so the cost is in the parsing, not the matching.
 */
import { AppError } from '../../shared/errors';

interface Range {
  v6: boolean;
  start: bigint;
  end: bigint;
}

/** An address as (family, value), or null for text that is no address (Copernica's "0.0.0.0" is one). */
export function parseIp(text: string): { v6: boolean; value: bigint } | null {
  const ip = text.trim();
  const v4 = parseIpv4(ip);
  if (v4 !== null) return { v6: false, value: v4 };
  const v6 = parseIpv6(ip);
  if (v6 === null) return null;
  // ::ffff:a.b.c.d is an IPv4 address written as IPv6.
  if (v6 >> 32n === 0xffffn) return { v6: false, value: v6 & 0xffffffffn };
  return { v6: true, value: v6 };
}

function parseIpv4(ip: string): bigint | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(ip: string): bigint | null {
  if (!ip.includes(':') || ip.split('::').length > 2) return null;
  let text = ip;
  // A trailing dotted IPv4 part counts as two groups.
  const tail = /(\d{1,3}(\.\d{1,3}){3})$/.exec(text);
  let tailValue: bigint | null = null;
  if (tail) {
    tailValue = parseIpv4(tail[1] as string);
    if (tailValue === null) return null;
    text = `${text.slice(0, -tail[1]!.length)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...headGroups, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...restGroups];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailValue !== null) value = (value & ~0xffffffffn) | tailValue;
  return value;
}

/** Reads a range such as 40.92.0.0/16 or 2a01:111::/32; an AppError names the one that is wrong. */
export function parseRange(text: string): Range {
  const [address = '', prefixText = ''] = text.trim().split('/');
  const ip = parseIp(address);
  const bits = ip?.v6 ? 128 : 32;
  const prefix = Number(prefixText);
  if (ip === null || !/^\d{1,3}$/.test(prefixText) || prefix > bits) {
    throw new AppError(
      'invalid_input',
      `"${text}" is not an IP range; write it as an address, a slash and a prefix length, such as 40.92.0.0/16.`,
    );
  }
  const hostBits = BigInt(bits - prefix);
  const start = (ip.value >> hostBits) << hostBits;
  return { v6: ip.v6, start, end: start + (1n << hostBits) - 1n };
}

/** A test of IPs against a list of ranges. */
export function ipRangeMatcher(ranges: readonly string[]): (ip: string | null) => boolean {
  const parsed = ranges.map(parseRange);
  if (parsed.length === 0) return () => false;
  return (text) => {
    if (text === null) return false;
    const ip = parseIp(text);
    if (ip === null) return false;
    return parsed.some((r) => r.v6 === ip.v6 && ip.value >= r.start && ip.value <= r.end);
  };
}
