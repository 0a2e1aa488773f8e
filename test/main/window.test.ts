import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const created: FakeWindow[] = [];

class FakeWindow extends EventEmitter {
  readonly show = vi.fn();
  constructor(readonly options: unknown) {
    super();
    created.push(this);
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeWindow }));

const { createMainWindow, mainWindowOptions } = await import('../../src/main/window');

describe('the main window', () => {
  it('runs the renderer sandboxed, isolated and without Node', () => {
    const { webPreferences } = mainWindowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('is created with those options and shown once it has painted', () => {
    const window = createMainWindow('/app/out/preload/index.cjs') as unknown as FakeWindow;
    expect(created).toContain(window);
    expect(window.options).toEqual(mainWindowOptions('/app/out/preload/index.cjs'));
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });
});
