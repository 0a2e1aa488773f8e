/**
 * The only way a URL leaves the app for the user's browser. `shell.openExternal` hands its
 * argument to the operating system, which also opens `file:`, `smb:` or custom app schemes, so
 * every caller (the IPC method, window.open, link clicks) goes through this check first.
 */
import { AppError } from '../shared/errors';

/** A parsed http(s) URL without embedded credentials, or null. */
function parseWebUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url;
}

export function isExternalWebUrl(raw: string): boolean {
  return parseWebUrl(raw) !== null;
}

export type OpenInShell = (url: string) => Promise<void>;

export async function openExternalUrl(raw: string, openInShell: OpenInShell): Promise<void> {
  const url = parseWebUrl(raw);
  if (!url) throw new AppError('invalid_input', 'Only http and https links can be opened.');
  await openInShell(url.href);
}
