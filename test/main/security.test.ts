import { EventEmitter } from 'node:events';
import type { HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { productionCsp } from '../../src/main/csp';
import { createRendererOrigin } from '../../src/main/rendererOrigin';
import { hardenSession, hardenWebContents } from '../../src/main/security';

vi.mock('electron', () => {
  throw new Error('security.ts must not load electron at run time');
});

class FakeWebContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  /** Emits like Electron: an event object carrying the URL, with preventDefault. */
  fire(name: string, url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
    const event = { url, preventDefault: vi.fn() };
    this.emit(name, event);
    return event;
  }
  open(url: string): WindowOpenHandlerResponse {
    if (!this.openHandler) throw new Error('no window open handler');
    return this.openHandler({ url } as HandlerDetails);
  }
}

function setup(devServerUrl: string | null = null) {
  const contents = new FakeWebContents();
  const openInShell = vi.fn(async (_url: string) => undefined);
  const warn = vi.fn();
  hardenWebContents(contents as unknown as WebContents, {
    origin: createRendererOrigin(devServerUrl),
    openInShell,
    warn,
  });
  return { contents, openInShell, warn };
}

describe('navigation', () => {
  it('is refused to another origin, and a web link opens in the browser instead', () => {
    const { contents, openInShell } = setup();
    expect(contents.fire('will-navigate', 'https://evil.example/').preventDefault).toHaveBeenCalled();
    expect(openInShell).toHaveBeenCalledWith('https://evil.example/');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'app://other/index.html'])(
    'to %s is refused and not handed to the operating system',
    (url) => {
      const { contents, openInShell, warn } = setup();
      expect(contents.fire('will-navigate', url).preventDefault).toHaveBeenCalled();
      expect(openInShell).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalled();
    },
  );

  it('within our own renderer (a reload) is allowed', () => {
    const { contents, openInShell } = setup();
    expect(contents.fire('will-navigate', 'app://renderer/index.html').preventDefault).not.toHaveBeenCalled();
    const dev = setup('http://localhost:5173/');
    expect(
      dev.contents.fire('will-navigate', 'http://localhost:5173/').preventDefault,
    ).not.toHaveBeenCalled();
    expect(dev.contents.fire('will-navigate', 'app://renderer/index.html').preventDefault).toHaveBeenCalled();
    expect(openInShell).not.toHaveBeenCalled();
  });

  it('is refused when a redirect leads elsewhere, without opening anything', () => {
    const { contents, openInShell } = setup();
    expect(contents.fire('will-redirect', 'https://evil.example/').preventDefault).toHaveBeenCalled();
    expect(openInShell).not.toHaveBeenCalled();
  });

  it('never attaches a <webview>', () => {
    const { contents } = setup();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('window.open', () => {
  it('is denied; an http(s) link opens in the browser', () => {
    const { contents, openInShell } = setup();
    expect(contents.open('https://www.copernica.com/')).toEqual({ action: 'deny' });
    expect(contents.open('http://example.com/a?b=c')).toEqual({ action: 'deny' });
    expect(openInShell.mock.calls).toEqual([['https://www.copernica.com/'], ['http://example.com/a?b=c']]);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://renderer/index.html',
    'https://user:pw@example.com/',
  ])('is denied for %s, which is not opened either', (url) => {
    const { contents, openInShell } = setup();
    expect(contents.open(url)).toEqual({ action: 'deny' });
    expect(openInShell).not.toHaveBeenCalled();
  });

  it('reports a browser that fails to open instead of an unhandled rejection', async () => {
    const { contents, openInShell, warn } = setup();
    openInShell.mockRejectedValueOnce(new Error('no browser'));
    contents.open('https://www.copernica.com/');
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.any(String), expect.any(Error)));
  });
});

function fakeSession() {
  const handlers: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    check?: () => boolean;
    headers?: {
      filter: { urls: string[] };
      listener: (details: unknown, callback: (response: unknown) => void) => void;
    };
  } = {};
  const session = {
    setPermissionRequestHandler: (handler: typeof handlers.request) => (handlers.request = handler),
    setPermissionCheckHandler: (handler: typeof handlers.check) => (handlers.check = handler),
    webRequest: {
      onHeadersReceived: (
        filter: { urls: string[] },
        listener: NonNullable<typeof handlers.headers>['listener'],
      ) => (handlers.headers = { filter, listener }),
    },
  };
  return { session: session as unknown as Session, handlers };
}

describe('the session', () => {
  it('denies every permission request and check', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, { origin: createRendererOrigin(null) });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      handlers.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(handlers.check?.()).toBe(false);
  });

  it('leaves the CSP header to the app:// protocol in production', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, { origin: createRendererOrigin(null) });
    expect(handlers.headers).toBeUndefined();
    expect(productionCsp).toContain("script-src 'self'");
    expect(productionCsp).not.toContain('unsafe-eval');
    expect(productionCsp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('adds a CSP header to the dev server responses in development', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, { origin: createRendererOrigin('http://localhost:5173/') });
    expect(handlers.headers?.filter).toEqual({ urls: ['http://localhost:5173/*'] });
    const callback = vi.fn();
    handlers.headers?.listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    const headers = callback.mock.calls[0]?.[0].responseHeaders;
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy'][0]).toContain("connect-src 'self' ws://localhost:5173");
  });
});
