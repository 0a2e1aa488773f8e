/**
 * Security 4: a packaged build takes no renderer URL, DevTools, menu or debugging switch from
 * its environment; a run from the sources under `npm run dev` keeps them.
 */
import { EventEmitter } from 'node:events';
import type { Input, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  devServerUrlFor,
  isDevToolsShortcut,
  keepDevToolsClosed,
  takeDebugSwitches,
} from '../../src/main/production';
import { mainWindowOptions } from '../../src/main/window';

vi.mock('electron', () => ({ BrowserWindow: class {} }));

const DEV_SERVER = 'http://localhost:5173/';
/** What `electron-vite dev` puts in Electron's environment. */
const npmRunDev = { NODE_ENV_ELECTRON_VITE: 'development', ELECTRON_RENDERER_URL: DEV_SERVER };

describe('the renderer dev server URL', () => {
  it.each([DEV_SERVER, 'http://127.0.0.1:5174', 'https://[::1]:5173'])(
    'is used when running from the sources under npm run dev (%s)',
    (url) => {
      expect(devServerUrlFor({ isPackaged: false, env: { ...npmRunDev, ELECTRON_RENDERER_URL: url } })).toBe(
        url,
      );
    },
  );

  it.each([
    ['a packaged build, even with the dev variables', true, npmRunDev],
    [
      'a packaged build with ELECTRON_RENDERER_URL alone',
      true,
      { ELECTRON_RENDERER_URL: 'https://evil.example/' },
    ],
    [
      'an unpackaged run with ELECTRON_RENDERER_URL alone (npm start, or a user)',
      false,
      { ELECTRON_RENDERER_URL: DEV_SERVER },
    ],
    [
      'electron-vite preview',
      false,
      { NODE_ENV_ELECTRON_VITE: 'production', ELECTRON_RENDERER_URL: DEV_SERVER },
    ],
    [
      'a dev URL on another computer',
      false,
      { ...npmRunDev, ELECTRON_RENDERER_URL: 'http://evil.example:5173/' },
    ],
    [
      'a dev URL that is not http(s)',
      false,
      { ...npmRunDev, ELECTRON_RENDERER_URL: 'file:///tmp/page.html' },
    ],
    ['a dev URL that is not a URL', false, { ...npmRunDev, ELECTRON_RENDERER_URL: 'localhost:5173' }],
  ])('is ignored in %s', (_, isPackaged, env) => {
    expect(devServerUrlFor({ isPackaged, env })).toBeNull();
  });
});

function commandLine(switches: string[]) {
  const present = new Set(switches);
  return {
    hasSwitch: (name: string) => present.has(name),
    removeSwitch: vi.fn((name: string) => void present.delete(name)),
    present,
  };
}

describe('debugging switches', () => {
  it('finds --remote-debugging-port on Chromium’s command line and removes it', () => {
    const line = commandLine(['remote-debugging-port']);
    expect(
      takeDebugSwitches(line, ['/opt/Copernica Clicks/copernica-clicks', '--remote-debugging-port=9222']),
    ).toEqual(['--remote-debugging-port']);
    expect(line.removeSwitch).toHaveBeenCalledWith('remote-debugging-port');
    expect(line.present.size).toBe(0);
  });

  it.each([
    ['--inspect'],
    ['--inspect=0.0.0.0:9229'],
    ['--inspect-brk=9229'],
    ['--remote-debugging-pipe'],
    ['--js-flags=--allow-natives-syntax'],
  ])('finds %s in argv', (arg) => {
    const found = takeDebugSwitches(commandLine([]), ['/app/copernica-clicks', arg]);
    expect(found).toEqual([arg.split('=')[0]]);
  });

  it('lets an ordinary launch through', () => {
    const line = commandLine(['no-sandbox-is-not-here']);
    expect(takeDebugSwitches(line, ['/app/copernica-clicks', '--inspector', 'file.txt'])).toEqual([]);
    expect(line.removeSwitch).not.toHaveBeenCalled();
  });
});

describe('DevTools', () => {
  it('are off in the main window unless main asks for them (it does only when not packaged)', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { devTools: false }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  const key = (key: string, modifiers: Partial<Input> = {}): Input =>
    ({ type: 'keyDown', key, control: false, meta: false, alt: false, shift: false, ...modifiers }) as Input;

  it.each([
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
  ])('open with %s, which a packaged build swallows', (_, input) => {
    expect(isDevToolsShortcut(input)).toBe(true);
  });

  it.each([
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+I', key('i', { control: true })],
    ['Shift+I', key('I', { shift: true })],
    ['a key release of F12', { ...key('F12'), type: 'keyUp' } as Input],
  ])('are not opened by %s, which goes to the page', (_, input) => {
    expect(isDevToolsShortcut(input)).toBe(false);
  });

  it('stay closed in a packaged build: shortcuts are prevented, opened DevTools closed', () => {
    const contents = Object.assign(new EventEmitter(), { closeDevTools: vi.fn() });
    keepDevToolsClosed(contents as unknown as WebContents);
    const shortcut = { preventDefault: vi.fn() };
    contents.emit('before-input-event', shortcut, key('F12'));
    expect(shortcut.preventDefault).toHaveBeenCalled();
    const typing = { preventDefault: vi.fn() };
    contents.emit('before-input-event', typing, key('a'));
    expect(typing.preventDefault).not.toHaveBeenCalled();
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();
  });
});
