/**
 * Which addresses the access token may travel to. The token rides in the query string, so a
 * plain-http address would show it to everyone on the way: https is required, except for this
 * computer's own loopback interface, where the fake Copernica of the tests and the sample data
 * listen.
 */
import { AppError } from '../../shared/errors';

/** 127.0.0.0/8, ::1 and `localhost`, as the WHATWG URL parser normalises them (`127.1` → `127.0.0.1`). */
export function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** The parsed API base, or an AppError saying why a token may not be sent there. */
export function checkedApiBase(baseUrl: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new AppError('invalid_input', 'The Copernica API address is not a valid URL.');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopbackHostname(parsed.hostname)) return parsed;
  throw new AppError(
    'invalid_input',
    parsed.protocol === 'http:'
      ? `The Copernica API address must use https://: plain http would send the access token unencrypted to ${parsed.host}.`
      : 'The Copernica API address must start with https://.',
  );
}
