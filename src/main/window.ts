/**
 * The main window. Its web preferences are the renderer's side of the security model: the
 * page runs sandboxed, isolated from the preload's world, without Node, and can only reach the
 * app through the `window.api` functions the preload exposes.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { appDisplayName } from '../shared/appPaths';

export interface MainWindowSwitches {
  /** Off in a packaged build (src/main/production.ts): DevTools would give anyone the app's API. */
  devTools?: boolean;
}

export function mainWindowOptions(
  preloadPath: string,
  { devTools = false }: MainWindowSwitches = {},
): BrowserWindowConstructorOptions {
  return {
    title: appDisplayName,
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      devTools,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // The built-in spellchecker downloads dictionaries from Google; a data grid needs none.
      spellcheck: false,
    },
  };
}

export function createMainWindow(preloadPath: string, switches: MainWindowSwitches = {}): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, switches));
  window.once('ready-to-show', () => window.show());
  return window;
}
