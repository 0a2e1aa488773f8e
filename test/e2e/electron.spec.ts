/**
 * The Electron app end to end: the built main, preload and renderer in a real Electron, with a
 * data folder of its own. Self-contained (it needs no project of playwright.config.ts): it
 * launches Electron itself and skips, saying why, where the Electron binary is not installed.
 *
 * Needs: `npx electron-vite build` and `node scripts/build-electron-native.mjs`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import { electronNativeBindingPath } from '../../src/main/nativeBinding';
import { userDataEnvVar } from '../../src/shared/appPaths';
import { eventNames, methodNames, subscribeName } from '../../src/shared/contract';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mainEntry = join(root, 'out', 'main', 'index.js');
const screenshotPath = join(root, 'test-results', 'screenshots', 'electron-main-window.png');

type Setup = { ok: true; executable: string } | { ok: false; reason: string };

function defaultExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

/**
 * Finds the Electron binary the way the electron package does, without requiring that package:
 * requiring it tries to download the binary when it is missing.
 */
function findSetup(): Setup {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const distDir = override || join(electronDir, 'dist');
  const executable = override
    ? join(override, relative ?? defaultExecutable())
    : relative && join(distDir, relative);
  if (!executable || !existsSync(executable)) {
    return {
      ok: false,
      reason:
        'Electron binary not installed on this machine (it cannot be downloaded here); looked for ' +
        `${executable ?? `${pathFile} (absent)`}. Install it with "npx install-electron" or point ` +
        'ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron to run this test.',
    };
  }
  const versionFile = join(distDir, 'version');
  const electronVersion = existsSync(versionFile)
    ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '')
    : (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
  const binding = electronNativeBindingPath(root, {
    electron: electronVersion,
    platform: process.platform,
    arch: process.arch,
  });
  if (!existsSync(binding)) {
    return {
      ok: false,
      reason: `better-sqlite3 is not built for Electron ${electronVersion} (${binding} is missing); run "node scripts/build-electron-native.mjs".`,
    };
  }
  return { ok: true, executable };
}

/** The page's global object, typed only as far as these checks read it. */
type PageGlobal = {
  api: Record<string, unknown> & {
    getAppInfo(input: object): Promise<unknown>;
    openExternal(input: { url: string }): Promise<unknown>;
  };
  location: { href: string };
  open(url: string): unknown;
};

/** Main-process global where the stubbed shell.openExternal records its calls. */
type MainGlobal = { openedExternally?: string[] };

test.describe.configure({ mode: 'serial' });

test.describe('the Electron app', () => {
  const setup = findSetup();
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!setup.ok) {
      // Printed as well, so a skipped run says why even with a terse reporter.
      console.warn(`[electron e2e] skipped: ${setup.reason}`);
      test.skip(true, setup.reason);
      return;
    }
    if (!existsSync(mainEntry))
      throw new Error(`${mainEntry} is missing: run "npx electron-vite build" first.`);
    userData = mkdtempSync(join(tmpdir(), 'copernica-clicks-e2e-'));
    // Production mode: the built renderer over app://, never a dev server left in the environment.
    const { ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;
    app = await _electron.launch({
      executablePath: setup.executable,
      args: [
        mainEntry,
        // Chromium refuses to start as root with its sandbox on (CI containers run as root).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      cwd: root,
      env: { ...env, [userDataEnvVar]: userData },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('the window runs sandboxed, context-isolated and without Node', async () => {
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences is the one way to read back what the window was created with; it
      // is missing from Electron's typings.
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
        getLastWebPreferences?: () => Record<string, unknown> | null;
      };
      const all = contents.getLastWebPreferences?.();
      if (!all) return null;
      const { contextIsolation, sandbox, nodeIntegration, nodeIntegrationInSubFrames, webSecurity } = all;
      return { contextIsolation, sandbox, nodeIntegration, nodeIntegrationInSubFrames, webSecurity };
    });
    expect(preferences, 'webContents.getLastWebPreferences() is not available').not.toBeNull();
    expect(preferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
    });
    expect(page.url()).toBe('app://renderer/index.html');
  });

  test('the page sees window.api with exactly the contract, and no Node', async () => {
    const surface = await page.evaluate(() => {
      const scope = globalThis as unknown as PageGlobal & Record<string, unknown>;
      return {
        keys: Object.keys(scope.api).sort(),
        allFunctions: Object.values(scope.api).every((value) => typeof value === 'function'),
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
      };
    });
    expect(surface).toEqual({
      keys: [...methodNames, ...eventNames.map(subscribeName)].sort(),
      allFunctions: true,
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  test('a call goes through main and the backend worker to the database in the test folder', async () => {
    const answer = await page.evaluate(() => (globalThis as unknown as PageGlobal).api.getAppInfo({}));
    expect(answer).toMatchObject({
      ok: true,
      value: { databasePath: join(userData, 'copernica-clicks.db') },
    });
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobal).api.openExternal({ url: 'file:///etc/passwd' }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  test('navigation and new windows are refused; web links go to the browser', async () => {
    await app.evaluate(({ shell }) => {
      const scope = globalThis as MainGlobal;
      scope.openedExternally = [];
      shell.openExternal = async (url: string) => {
        scope.openedExternally?.push(url);
      };
    });
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobal).location.href = 'https://example.com/elsewhere';
    });
    await expect
      .poll(() => app.evaluate(() => (globalThis as MainGlobal).openedExternally))
      .toEqual(['https://example.com/elsewhere']);
    expect(page.url()).toBe('app://renderer/index.html');

    const opened = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).open('https://example.com/popup'),
    );
    expect(opened).toBeNull();
    await expect
      .poll(() => app.evaluate(() => (globalThis as MainGlobal).openedExternally))
      .toEqual(['https://example.com/elsewhere', 'https://example.com/popup']);
    expect(app.windows()).toHaveLength(1);
  });

  test('a screenshot of the main window', async () => {
    // The renderer has mounted once #root has content.
    await page.locator('#root > *').first().waitFor();
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath });
    expect(existsSync(screenshotPath)).toBe(true);
  });
});
