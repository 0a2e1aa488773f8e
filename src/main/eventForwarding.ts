/**
 * Passes the backend's events on to the window. Each payload is checked against the contract
 * first, so a backend bug cannot push an unexpected shape (or an unnamed event) to the renderer.
 */
import { eventChannel, type EventName, events } from '../shared/contract';
import { describeIssues } from './describeIssues';

export interface EventSource {
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
}

export type SendToRenderer = (channel: string, payload: unknown) => void;

function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

export function forwardBackendEvents(
  source: EventSource,
  send: SendToRenderer,
  log: { error(message: string): void },
): () => void {
  return source.onEvent((name, payload) => {
    if (!isEventName(name)) {
      log.error(`The backend sent an event the contract does not name: ${String(name).slice(0, 100)}`);
      return;
    }
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      log.error(
        `The backend sent a ${name} event that does not match the contract: ${describeIssues(parsed.error.issues)}`,
      );
      return;
    }
    send(eventChannel(name), parsed.data);
  });
}
