import { describe, expect, it, vi } from 'vitest';
import { isExternalWebUrl, openExternalUrl } from '../../src/main/openExternal';

describe('opening links in the browser', () => {
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-settings:',
    'smb://server/share',
    'https://user:password@example.com/',
    '//example.com/no-scheme',
    '',
    'not a url',
  ])('refuses %j', async (url) => {
    const openInShell = vi.fn(async () => undefined);
    expect(isExternalWebUrl(url)).toBe(false);
    await expect(openExternalUrl(url, openInShell)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(openInShell).not.toHaveBeenCalled();
  });

  it.each([
    ['https://www.copernica.com/en', 'https://www.copernica.com/en'],
    ['HTTP://Example.com/a b', 'http://example.com/a%20b'],
  ])('opens %s as %s', async (url, opened) => {
    const openInShell = vi.fn(async () => undefined);
    expect(isExternalWebUrl(url)).toBe(true);
    await openExternalUrl(url, openInShell);
    expect(openInShell).toHaveBeenCalledWith(opened);
  });
});
