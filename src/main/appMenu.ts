/**
 * The application menu, as a template built without Electron so that tests can read it. Every
 * item that acts on the window sends its command (src/shared/appCommands.ts) to the renderer,
 * which does the same as for the shortcut typed in a browser; the shortcut shown beside an item
 * comes from the same list. A packaged build has no reload and no DevTools; a development one
 * keeps them in a Developer menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { acceleratorOf, type AppCommand, viewCommands } from '../shared/appCommands';
import { appCommands } from '../shared/appCommands';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  packaged: boolean;
  /** The labels of the views Ctrl/Cmd+1… open, in order (the emailing's tabs). */
  viewLabels: readonly string[];
  send(command: AppCommand): void;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { platform, send } = options;
  const mac = platform === 'darwin';
  const item = (
    command: AppCommand,
    label: string = appCommands[command].label,
  ): MenuItemConstructorOptions => {
    const accelerator = acceleratorOf(command, platform);
    return {
      id: command,
      label,
      ...(accelerator ? { accelerator } : {}),
      // On Windows and Linux the renderer answers the key itself (the same code as in a browser);
      // registered as well, the press would act twice. macOS's menu takes the key first.
      ...(accelerator && !mac ? { registerAccelerator: false } : {}),
      click: () => send(command),
    };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const template: MenuItemConstructorOptions[] = [];
  if (mac)
    template.push({
      role: 'appMenu',
      submenu: [
        item('about'),
        separator,
        item('settings'),
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  template.push({
    label: '&File',
    submenu: [
      item('addAccount'),
      separator,
      item('exportView'),
      item('clientReport'),
      ...(mac ? [] : [separator, item('settings'), separator, { role: 'quit' } as const]),
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      separator,
      item('find'),
    ],
  });
  template.push({
    label: '&View',
    submenu: [
      ...viewCommands.flatMap((command, i) => {
        const label = options.viewLabels[i];
        return label ? [item(command, label)] : [];
      }),
      separator,
      item('refresh'),
      item('toggleSidebar'),
      ...(mac ? [separator, { role: 'togglefullscreen' } as const] : []),
    ],
  });
  template.push({ label: '&Go', submenu: [item('back')] });
  if (mac) template.push({ role: 'windowMenu' });
  template.push({
    label: '&Help',
    role: 'help',
    submenu: [item('tokenHelp'), ...(mac ? [] : [separator, item('about')])],
  });
  if (!options.packaged)
    template.push({
      label: 'Developer',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  return template;
}
