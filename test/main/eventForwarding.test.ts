import { describe, expect, it, vi } from 'vitest';
import { type EventName, eventChannel } from '../../src/shared/contract';
import { forwardBackendEvents } from '../../src/main/eventForwarding';

function setup() {
  let emit: (name: EventName, payload: unknown) => void = () => undefined;
  const unsubscribe = vi.fn();
  const source = {
    onEvent: (listener: typeof emit) => {
      emit = listener;
      return unsubscribe;
    },
  };
  const send = vi.fn();
  const log = { error: vi.fn() };
  const stop = forwardBackendEvents(source, send, log);
  return {
    emit: (name: string, payload: unknown) => emit(name as EventName, payload),
    send,
    log,
    stop,
    unsubscribe,
  };
}

describe('forwarding backend events to the window', () => {
  it('sends a valid event on its contract channel', () => {
    const { emit, send } = setup();
    emit('cacheChanged', { at: '2025-03-01T10:00:00Z' });
    expect(send).toHaveBeenCalledWith(eventChannel('cacheChanged'), { at: '2025-03-01T10:00:00Z' });
  });

  it('drops a payload that does not match the contract, and logs it', () => {
    const { emit, send, log } = setup();
    emit('syncProgress', { emailingId: 'seven' });
    expect(send).not.toHaveBeenCalled();
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('syncProgress'));
  });

  it('drops an event the contract does not name', () => {
    const { emit, send, log } = setup();
    emit('toString', {});
    emit('debugDump', { secret: 'x' });
    expect(send).not.toHaveBeenCalled();
    expect(log.error).toHaveBeenCalledTimes(2);
  });

  it('stops forwarding when asked', () => {
    const { stop, unsubscribe } = setup();
    stop();
    expect(unsubscribe).toHaveBeenCalled();
  });
});
