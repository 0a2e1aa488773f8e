/**
 * What the user can ask of the app from its menu or the keyboard: one list, read by main (the
 * application menu, src/main/appMenu.ts) and by the renderer (the same shortcuts in a browser,
 * and the menu's clicks, which arrive as `menuCommand` events). A shortcut is written once here
 * and shown in the menu with Electron's accelerator syntax.
 */
/** A key with its modifiers; `primary` is Cmd on macOS and Ctrl elsewhere. */
export interface Shortcut {
  /** KeyboardEvent.key, lower case for letters (',' '1' 'e' 'ArrowLeft' '['). */
  key: string;
  primary?: boolean;
  alt?: boolean;
  shift?: boolean;
}

interface CommandSpec {
  label: string;
  /** Where it differs, macOS's shortcut (Back is Cmd+[ there, Alt+← elsewhere). */
  shortcut?: Shortcut;
  macShortcut?: Shortcut;
}

export const appCommands = {
  addAccount: { label: 'Add account…' },
  exportView: { label: 'Export view…', shortcut: { key: 'e', primary: true } },
  clientReport: { label: 'Client report…' },
  settings: { label: 'Settings…', shortcut: { key: ',', primary: true } },
  find: { label: 'Find', shortcut: { key: 'f', primary: true } },
  refresh: { label: 'Refresh', shortcut: { key: 'r', primary: true } },
  toggleSidebar: { label: 'Toggle sidebar', shortcut: { key: 'b', primary: true } },
  view1: { label: 'View 1', shortcut: { key: '1', primary: true } },
  view2: { label: 'View 2', shortcut: { key: '2', primary: true } },
  view3: { label: 'View 3', shortcut: { key: '3', primary: true } },
  view4: { label: 'View 4', shortcut: { key: '4', primary: true } },
  view5: { label: 'View 5', shortcut: { key: '5', primary: true } },
  back: {
    label: 'Back',
    shortcut: { key: 'ArrowLeft', alt: true },
    macShortcut: { key: '[', primary: true },
  },
  tokenHelp: { label: 'Where to find an API token' },
  about: { label: 'About Copernica Clicks' },
} as const satisfies Record<string, CommandSpec>;

export type AppCommand = keyof typeof appCommands;
export const appCommandIds = Object.keys(appCommands) as [AppCommand, ...AppCommand[]];

/** The view commands in order: Ctrl/Cmd+1 opens the first view of the screen, and so on. */
export const viewCommands = [
  'view1',
  'view2',
  'view3',
  'view4',
  'view5',
] as const satisfies readonly AppCommand[];

export function shortcutOf(command: AppCommand, platform: string): Shortcut | null {
  const spec: CommandSpec = appCommands[command];
  return (platform === 'darwin' ? (spec.macShortcut ?? spec.shortcut) : spec.shortcut) ?? null;
}

const acceleratorKeys: Record<string, string> = { ArrowLeft: 'Left', ArrowRight: 'Right', ',': ',' };

/** The shortcut in Electron's accelerator syntax ("CmdOrCtrl+E", "Alt+Left"), or undefined. */
export function acceleratorOf(command: AppCommand, platform: string): string | undefined {
  const shortcut = shortcutOf(command, platform);
  if (!shortcut) return undefined;
  const parts: string[] = [];
  if (shortcut.primary) parts.push('CmdOrCtrl');
  if (shortcut.alt) parts.push('Alt');
  if (shortcut.shift) parts.push('Shift');
  parts.push(acceleratorKeys[shortcut.key] ?? shortcut.key.toUpperCase());
  return parts.join('+');
}

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The command a key press asks for on this platform, or null. */
export function commandForKey(press: KeyPress, platform: string): AppCommand | null {
  const mac = platform === 'darwin';
  const primary = mac ? press.metaKey : press.ctrlKey;
  // The other platform's primary key held as well is another shortcut (Ctrl+Cmd+F is full screen).
  const other = mac ? press.ctrlKey : press.metaKey;
  if (other) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  for (const command of appCommandIds) {
    const shortcut = shortcutOf(command, platform);
    if (
      shortcut &&
      shortcut.key === key &&
      Boolean(shortcut.primary) === primary &&
      Boolean(shortcut.alt) === press.altKey &&
      Boolean(shortcut.shift) === press.shiftKey
    )
      return command;
  }
  return null;
}
