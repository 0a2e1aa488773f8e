/**
 * The application menu (src/main/appMenu.ts), read as a template: no Electron needed.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../src/main/appMenu';
import { type AppCommand, commandForKey } from '../../src/shared/appCommands';
import { emailingViews } from '../../src/shared/emailingViews';

const viewLabels = emailingViews.map((view) => view.label);

function build(platform: NodeJS.Platform, packaged = true) {
  const sent: AppCommand[] = [];
  const template = appMenuTemplate({ platform, packaged, viewLabels, send: (c) => sent.push(c) });
  return { template, sent };
}

/** Every item of the template, submenus included. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((entry) => [
    entry,
    ...(Array.isArray(entry.submenu) ? items(entry.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

const byId = (template: MenuItemConstructorOptions[], id: string) =>
  items(template).find((entry) => entry.id === id);

describe.each(['win32', 'linux', 'darwin'] as const)('the application menu on %s', (platform) => {
  it('has File, Edit, View, Go and Help with the items the issue names', () => {
    const { template } = build(platform);
    const labels = template.map((entry) => entry.label ?? entry.role);
    expect(labels).toEqual(expect.arrayContaining(['&File', '&Edit', '&View', '&Go', '&Help']));
    const file = template.find((entry) => entry.label === '&File');
    const fileIds = items((file?.submenu ?? []) as MenuItemConstructorOptions[]).map((entry) => entry.id);
    expect(fileIds).toEqual(expect.arrayContaining(['addAccount', 'exportView', 'clientReport']));
    for (const id of ['find', 'refresh', 'toggleSidebar', 'back', 'tokenHelp', 'about', 'settings'])
      expect(byId(template, id), id).toBeDefined();
  });

  it('names the views after the emailing tabs, on Ctrl/Cmd+1…', () => {
    const { template } = build(platform);
    // The first five views have a shortcut (Ctrl/Cmd+1…5); the rest are reached by their tabs.
    emailingViews.slice(0, 5).forEach((view, i) => {
      const entry = byId(template, `view${i + 1}`);
      expect(entry?.label).toBe(view.label);
      expect(entry?.accelerator).toBe(`CmdOrCtrl+${i + 1}`);
    });
  });

  it('shows the shortcuts of the shared list: Ctrl/Cmd+E, Ctrl/Cmd+R, Ctrl/Cmd+, and Ctrl/Cmd+F', () => {
    const { template } = build(platform);
    expect(byId(template, 'exportView')?.accelerator).toBe('CmdOrCtrl+E');
    expect(byId(template, 'refresh')?.accelerator).toBe('CmdOrCtrl+R');
    expect(byId(template, 'settings')?.accelerator).toBe('CmdOrCtrl+,');
    expect(byId(template, 'find')?.accelerator).toBe('CmdOrCtrl+F');
    expect(byId(template, 'back')?.accelerator).toBe(platform === 'darwin' ? 'CmdOrCtrl+[' : 'Alt+Left');
  });

  it('sends the command of each item it is clicked on, and the key typed in the window means the same command', () => {
    const { template, sent } = build(platform);
    for (const entry of items(template)) {
      if (!entry.id) continue;
      (entry.click as () => void)();
      expect(sent.at(-1)).toBe(entry.id);
    }
    const mac = platform === 'darwin';
    const press = (key: string, extra: Partial<Record<'alt' | 'primary', boolean>> = {}) =>
      commandForKey(
        {
          key,
          ctrlKey: !mac && Boolean(extra.primary),
          metaKey: mac && Boolean(extra.primary),
          altKey: Boolean(extra.alt),
          shiftKey: false,
        },
        platform,
      );
    expect(press('e', { primary: true })).toBe('exportView');
    expect(press('E', { primary: true })).toBe('exportView');
    expect(press('2', { primary: true })).toBe('view2');
    expect(press(',', { primary: true })).toBe('settings');
    expect(mac ? press('[', { primary: true }) : press('ArrowLeft', { alt: true })).toBe('back');
    // Not a shortcut: the letter alone, or with the other platform's key.
    expect(press('e')).toBeNull();
    expect(
      commandForKey({ key: 'e', ctrlKey: true, metaKey: true, altKey: false, shiftKey: false }, platform),
    ).toBeNull();
  });

  it('registers no accelerator the renderer answers itself outside macOS, so no key acts twice', () => {
    const { template } = build(platform);
    for (const entry of items(template))
      if (entry.accelerator)
        expect(entry.registerAccelerator, String(entry.id)).toBe(platform === 'darwin' ? undefined : false);
  });

  it('offers no reload and no DevTools in a packaged build; a development build keeps them', () => {
    expect(JSON.stringify(build(platform, true).template)).not.toMatch(/toggleDevTools|reload/i);
    expect(JSON.stringify(build(platform, false).template)).toMatch(/toggleDevTools/);
  });
});

it('puts About and Settings in the app menu on macOS, in Help and File elsewhere', () => {
  const mac = build('darwin').template;
  expect(mac[0]?.role).toBe('appMenu');
  const appMenuIds = items((mac[0]?.submenu ?? []) as MenuItemConstructorOptions[]).map((entry) => entry.id);
  expect(appMenuIds).toEqual(expect.arrayContaining(['about', 'settings']));
  const win = build('win32').template;
  const help = win.find((entry) => entry.label === '&Help');
  expect(items((help?.submenu ?? []) as MenuItemConstructorOptions[]).map((e) => e.id)).toContain('about');
  expect(win.some((entry) => entry.role === 'appMenu')).toBe(false);
});
