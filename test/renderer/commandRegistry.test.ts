/**
 * Who answers a menu command or its shortcut (src/renderer/src/commands/commandRegistry.ts), and
 * the window title that names the screen.
 */
import { describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../src/renderer/src/commands/commandRegistry';
import { windowTitle } from '../../src/renderer/src/hooks/windowTitle';

describe('CommandRegistry', () => {
  it('lets the newest available handler answer, and the one beneath it once that leaves', () => {
    const registry = new CommandRegistry();
    const ran: string[] = [];
    registry.register('find', { run: () => ran.push('list') });
    const off = registry.register('find', { run: () => ran.push('emailing') });
    expect(registry.runFromKey('find')).toBe(true);
    off();
    registry.runFromKey('find');
    expect(ran).toEqual(['emailing', 'list']);
  });

  it('passes over a handler that is not available, such as a view in a hidden tab', () => {
    const registry = new CommandRegistry();
    const ran: string[] = [];
    registry.register('exportView', { run: () => ran.push('shown'), available: () => true });
    registry.register('exportView', { run: () => ran.push('hidden'), available: () => false });
    registry.runFromKey('exportView');
    expect(ran).toEqual(['shown']);
  });

  it('answers false when nothing answers, so the key keeps its usual meaning', () => {
    const registry = new CommandRegistry();
    expect(registry.runFromKey('refresh')).toBe(false);
    expect(registry.runFromMenu('refresh')).toBe(false);
  });

  it('runs a key press once when the menu reports the same press right after it', () => {
    let now = 1000;
    const registry = new CommandRegistry(() => now);
    let runs = 0;
    registry.register('view2', { run: () => (runs += 1) });
    registry.runFromKey('view2');
    now += 50;
    expect(registry.runFromMenu('view2')).toBe(false);
    expect(runs).toBe(1);
    // A click on the menu later is a new request.
    now += 1000;
    expect(registry.runFromMenu('view2')).toBe(true);
    expect(runs).toBe(2);
  });
});

describe('windowTitle', () => {
  it('names the emailing and the account before the app, and the app alone elsewhere', () => {
    expect(windowTitle(['Spring sale', 'Sample data'])).toBe('Spring sale – Sample data — Copernica Clicks');
    expect(windowTitle(['Sample data'])).toBe('Sample data — Copernica Clicks');
    expect(windowTitle([])).toBe('Copernica Clicks');
    expect(windowTitle(['  ', null, 'Sample data'])).toBe('Sample data — Copernica Clicks');
  });
});
