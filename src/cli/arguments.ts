/** The options the commands share, checked: a bad value is a UsageError (exit 2). */
import { dirname, resolve } from 'node:path';
import { isLoopbackHostname } from '../backend/copernica/apiAddress';
import { DEFAULT_BASE_URL } from '../backend/copernica/client';
import { TokenFileError, readTokenFile } from './tokenFile';
import { UsageError } from './usage';

/**
 * A path as the user typed it, from the folder they ran the command in. `npm run` starts its
 * script in the package's folder and names the user's folder in INIT_CWD; a script that changed
 * folder since (its cwd is not the package's) meant its own.
 */
export function userPath(path: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const underNpm =
    env.INIT_CWD !== undefined && env.npm_package_json !== undefined && dirname(env.npm_package_json) === cwd;
  return resolve(underNpm ? (env.INIT_CWD as string) : cwd, path);
}

export function emailingIds(values: unknown, required = true): number[] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  if (list.length === 0 && required) throw new UsageError('Name at least one emailing with --emailing ID.');
  return list.map((value) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new UsageError(`"${String(value)}" is not an emailing ID.`);
    return id;
  });
}

export function validBaseUrl(value: string, option = '--base-url', example = DEFAULT_BASE_URL): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`"${value}" is not a URL; use for example ${example}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${option} must be http(s).`);
  // The token rides in the query string (v4: in the form body and, as a JWT, in a header):
  // plain http would hand it to everyone on the way.
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname))
    throw new UsageError(
      `${option} ${value} would send the access token unencrypted; use https:// (http only to 127.0.0.1, ::1 or localhost).`,
    );
  return value.replace(/\/+$/, '');
}

export function accessToken(option: string | undefined, file: string | undefined): string {
  if (option !== undefined && file !== undefined)
    throw new UsageError('Give the access token with --token or --token-file, not both.');
  if (file !== undefined) {
    try {
      return readTokenFile(file);
    } catch (error) {
      if (error instanceof TokenFileError) throw new UsageError(error.message);
      throw error;
    }
  }
  const token = option ?? process.env.COPERNICA_TOKEN;
  if (!token)
    throw new UsageError('Give the access token with --token-file FILE or the COPERNICA_TOKEN variable.');
  return token;
}

export function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`"${zone}" is not a time zone; use an IANA name such as Europe/Amsterdam.`);
  }
}
