/**
 * The window's one way to load data (hooks/queryStore.ts under useQuery): its states, the rule
 * that only the newest request's answer lands, the refetch when the cache says it changed, and
 * the one error shape (the contract's code and message).
 */
import { describe, expect, it } from 'vitest';
import { QueryStore, resultFor, type Subscribe } from '../../src/renderer/src/hooks/queryStore';
import { AppError } from '../../src/shared/errors';

/** A load whose answers the test gives, in the order it chooses. */
function controlledLoad<T>() {
  const pending: { resolve(value: T): void; reject(error: unknown): void }[] = [];
  const load = () =>
    new Promise<T>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { load, pending };
}

/** An event source like the bridge's onCacheChanged. */
function eventSource() {
  const listeners = new Set<() => void>();
  const subscribe: Subscribe = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return { subscribe, emit: () => listeners.forEach((listener) => listener()), listeners };
}

/** Lets settled promises run their callbacks. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('QueryStore', () => {
  it('is loading until the first answer, then holds its data', async () => {
    const store = new QueryStore<string>();
    const { load, pending } = controlledLoad<string>();
    expect(resultFor(store.getState(), 'a')).toEqual({ data: null, error: null, loading: true });
    store.follow('a', load);
    pending[0]!.resolve('first');
    await settle();
    expect(resultFor(store.getState(), 'a')).toEqual({ data: 'first', error: null, loading: false });
  });

  it('reports a failure as the contract error: an AppError as is, anything else as internal', async () => {
    const store = new QueryStore<string>();
    const { load, pending } = controlledLoad<string>();
    store.follow('a', load);
    pending[0]!.reject(new AppError('cache_damaged', 'The cache file is damaged.'));
    await settle();
    expect(resultFor(store.getState(), 'a')).toEqual({
      data: null,
      error: { code: 'cache_damaged', message: 'The cache file is damaged.' },
      loading: false,
    });

    store.reload();
    pending[1]!.reject(new TypeError('x is undefined'));
    await settle();
    expect(resultFor(store.getState(), 'a').error).toEqual({
      code: 'internal',
      message: 'Something went wrong inside Copernica Clicks. The details are in the log.',
    });
  });

  it('keeps the data and the error on screen while Try again runs, and clears the error on success', async () => {
    const store = new QueryStore<string>();
    const { load, pending } = controlledLoad<string>();
    store.follow('a', load);
    pending[0]!.resolve('first');
    await settle();
    store.reload();
    expect(resultFor(store.getState(), 'a')).toEqual({ data: 'first', error: null, loading: true });
    pending[1]!.reject(new AppError('unreachable', 'Copernica cannot be reached.'));
    await settle();
    expect(resultFor(store.getState(), 'a')).toEqual({
      data: 'first',
      error: { code: 'unreachable', message: 'Copernica cannot be reached.' },
      loading: false,
    });
    store.reload();
    expect(resultFor(store.getState(), 'a').loading).toBe(true);
    expect(resultFor(store.getState(), 'a').error?.code).toBe('unreachable');
    pending[2]!.resolve('second');
    await settle();
    expect(resultFor(store.getState(), 'a')).toEqual({ data: 'second', error: null, loading: false });
  });

  it('lets the newest request win when an older answer arrives after it', async () => {
    const store = new QueryStore<string>();
    const { load, pending } = controlledLoad<string>();
    const events = eventSource();
    store.follow('a', load, events.subscribe);
    events.emit();
    expect(pending).toHaveLength(2);
    pending[1]!.resolve('newer');
    pending[0]!.resolve('older');
    await settle();
    expect(resultFor(store.getState(), 'a').data).toBe('newer');

    events.emit();
    pending[2]!.reject(new AppError('internal', 'stale failure'));
    store.reload();
    pending[3]!.resolve('newest');
    await settle();
    expect(resultFor(store.getState(), 'a')).toEqual({ data: 'newest', error: null, loading: false });
  });

  it('drops the answer to a question no longer asked, and shows nothing of it under the next one', async () => {
    const store = new QueryStore<string>();
    const { load, pending } = controlledLoad<string>();
    const stop = store.follow('account 1', load);
    pending[0]!.resolve('emailings of 1');
    await settle();
    stop();
    store.follow('account 2', load);
    expect(resultFor(store.getState(), 'account 2')).toEqual({ data: null, error: null, loading: true });
    // Kept on screen only where a view asks for it (the links after a sync).
    expect(resultFor(store.getState(), 'account 2', true).data).toBe('emailings of 1');

    const stopSecond = store.follow('account 3', load);
    pending[1]!.resolve('emailings of 2, too late');
    await settle();
    expect(store.getState().key).toBe('account 1');
    pending[2]!.resolve('emailings of 3');
    await settle();
    expect(resultFor(store.getState(), 'account 3').data).toBe('emailings of 3');
    stopSecond();
  });

  it('loads again on every event it follows, without showing a load the user waits for', async () => {
    const store = new QueryStore<number>();
    let calls = 0;
    const events = eventSource();
    const stop = store.follow('a', async () => ++calls, events.subscribe);
    await settle();
    const seen: boolean[] = [];
    store.subscribe(() => seen.push(store.getState().loading));
    events.emit();
    await settle();
    expect(resultFor(store.getState(), 'a')).toEqual({ data: 2, error: null, loading: false });
    expect(seen).toEqual([false]);

    stop();
    expect(events.listeners.size).toBe(0);
    events.emit();
    await settle();
    expect(calls).toBe(2);
  });

  it('keeps the last data when a refetch on an event fails', async () => {
    const store = new QueryStore<string>();
    const { load, pending } = controlledLoad<string>();
    const events = eventSource();
    store.follow('a', load, events.subscribe);
    pending[0]!.resolve('cached');
    await settle();
    events.emit();
    pending[1]!.reject(new AppError('disk_full', 'The disk is full.'));
    await settle();
    expect(resultFor(store.getState(), 'a')).toEqual({
      data: 'cached',
      error: { code: 'disk_full', message: 'The disk is full.' },
      loading: false,
    });
  });
});
