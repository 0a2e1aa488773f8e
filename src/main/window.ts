/**
 * The main window. Its web preferences are the renderer's side of the security model: the
 * page runs sandboxed, isolated from the preload's world, without Node, and can only reach the
 * app through the `window.api` functions the preload exposes.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { appDisplayName } from '../shared/appPaths';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
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

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  return window;
}
