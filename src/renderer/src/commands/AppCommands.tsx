/**
 * App commands in the window: the application menu's clicks (menuCommand events) and the same
 * shortcuts typed on the keyboard, which is how they work in a browser too (the end-to-end
 * harness has no Electron menu). Components say what they answer with useAppCommand.
 */
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { type AppCommand, commandForKey } from '../../../shared/appCommands';
import { useApi } from '../ApiProvider';
import { type CommandHandler, CommandRegistry } from './commandRegistry';

const RegistryContext = createContext<CommandRegistry | null>(null);

/** A modal dialog has the user's attention: the screen behind it takes no commands. */
function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

function platformOfWindow(): string {
  return /mac/i.test(navigator.platform) ? 'darwin' : 'other';
}

export function AppCommandsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [registry] = useState(() => new CommandRegistry());
  useEffect(
    () =>
      api.onMenuCommand(({ command }) => {
        if (!modalOpen()) registry.runFromMenu(command);
      }),
    [api, registry],
  );
  useEffect(() => {
    const platform = platformOfWindow();
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || modalOpen()) return;
      const command = commandForKey(event, platform);
      if (command && registry.runFromKey(command)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

/**
 * Answers `command` while mounted (and while `available` says so). The latest `run` is called,
 * so it may close over state without registering again.
 */
export function useAppCommand(command: AppCommand, run: () => void, available?: () => boolean): void {
  useAppCommands({ [command]: available ? { run, available } : { run } });
}

/** Several commands at once, e.g. one per view: `handlers` may change on every render. */
export function useAppCommands(handlers: Partial<Record<AppCommand, CommandHandler>>): void {
  const registry = useContext(RegistryContext);
  const latest = useRef(handlers);
  // After each render, before any key press can reach the handlers.
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const commands = Object.keys(handlers).join(' ');
  useEffect(() => {
    if (!registry || commands === '') return;
    const offs = (commands.split(' ') as AppCommand[]).map((command) =>
      registry.register(command, {
        run: () => latest.current[command]?.run(),
        available: () => {
          const handler = latest.current[command];
          return handler !== undefined && (handler.available?.() ?? true);
        },
      }),
    );
    return () => offs.forEach((off) => off());
  }, [registry, commands]);
}

/** Whether an element is on screen: not inside a hidden tab panel or a closed part. */
export function isShown(element: HTMLElement | null): boolean {
  return element !== null && element.isConnected && element.offsetParent !== null;
}
