/**
 * What a build for users does not take from its environment. A packaged app runs on machines
 * where anyone may set a variable or add a switch to a shortcut: none of that may swap the
 * trusted renderer, open DevTools or a debugging port. The Electron fuses of the installer
 * (electron-builder.config.mjs) close the Node side (NODE_OPTIONS, --inspect, RunAsNode); this
 * file closes the Chromium side at run time. Only types come from electron, so tests need no app.
 */
import type { Input, WebContents } from 'electron';
import { isLoopbackHostname } from '../backend/copernica/apiAddress';

export interface Launch {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * The renderer dev server, only when running from the sources under `npm run dev`:
 * electron-vite dev sets NODE_ENV_ELECTRON_VITE=development beside ELECTRON_RENDERER_URL, and a
 * packaged app never honours either. The server runs on this computer, so the URL must be
 * http(s) to loopback; anything else falls back to the built renderer.
 */
export function devServerUrlFor(launch: Launch): string | null {
  const url = launch.env.ELECTRON_RENDERER_URL;
  if (launch.isPackaged || launch.env.NODE_ENV_ELECTRON_VITE !== 'development' || !url) return null;
  try {
    const parsed = new URL(url);
    const web = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    return web && isLoopbackHostname(parsed.hostname) ? url : null;
  } catch {
    return null;
  }
}

/** Chromium's and Node's debugging switches; a packaged build starts with none of them. */
const debugSwitches = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
] as const;

export interface CommandLineLike {
  hasSwitch(name: string): boolean;
  removeSwitch(name: string): void;
}

/**
 * The debugging switches a launch carries, in argv or on Chromium's command line, each also
 * removed from the latter so that Chromium, which reads them when the app gets ready, never
 * opens the port even if the app were kept running.
 */
export function takeDebugSwitches(commandLine: CommandLineLike, argv: readonly string[]): string[] {
  const found = debugSwitches.filter(
    (name) =>
      commandLine.hasSwitch(name) || argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`)),
  );
  for (const name of found) commandLine.removeSwitch(name);
  return found.map((name) => `--${name}`);
}

/** F12, Ctrl+Shift+I/J/C and Cmd+Alt+I/J/C: the shortcuts that open Chromium’s DevTools. */
export function isDevToolsShortcut(
  input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>,
): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f12') return true;
  const inspectKey = key === 'i' || key === 'j' || key === 'c';
  return inspectKey && ((input.control && input.shift) || (input.meta && input.alt));
}

/**
 * For every web page of a packaged build (beside webPreferences.devTools = false in window.ts):
 * the shortcuts are swallowed, and DevTools that open anyway are closed at once.
 */
export function keepDevToolsClosed(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}
