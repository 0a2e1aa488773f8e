/**
 * Who answers an app command (src/shared/appCommands.ts) right now. Screens register what they
 * can do while they are mounted; the newest registration that is available wins, so the
 * emailing that is open answers Ctrl/Cmd+F before the list beneath it does, and a view kept
 * mounted in a hidden tab stands aside for the visible one.
 */
import type { AppCommand } from '../../../shared/appCommands';

export interface CommandHandler {
  run(): void;
  /** False while the handler's part of the screen is hidden or idle. */
  available?: () => boolean;
}

/** A menu click that arrives this soon after the same key press is that press, seen twice. */
const SAME_PRESS_MS = 300;

export class CommandRegistry {
  private readonly handlers = new Map<AppCommand, CommandHandler[]>();
  private lastKey: { command: AppCommand; at: number } | null = null;

  constructor(private readonly now: () => number = () => Date.now()) {}

  register(command: AppCommand, handler: CommandHandler): () => void {
    const list = this.handlers.get(command) ?? [];
    list.push(handler);
    this.handlers.set(command, list);
    return () => {
      const at = list.indexOf(handler);
      if (at >= 0) list.splice(at, 1);
    };
  }

  private current(command: AppCommand): CommandHandler | null {
    const list = this.handlers.get(command) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const handler = list[i] as CommandHandler;
      if (handler.available?.() ?? true) return handler;
    }
    return null;
  }

  /** Runs the command for a key press; false when nothing on screen answers it (the key then does what it would). */
  runFromKey(command: AppCommand): boolean {
    const handler = this.current(command);
    if (!handler) return false;
    this.lastKey = { command, at: this.now() };
    handler.run();
    return true;
  }

  /** Runs the command for a menu click, unless the click is the key press just answered. */
  runFromMenu(command: AppCommand): boolean {
    const last = this.lastKey;
    if (last && last.command === command && this.now() - last.at < SAME_PRESS_MS) return false;
    const handler = this.current(command);
    handler?.run();
    return handler !== null;
  }
}
