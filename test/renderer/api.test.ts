import { describe, expect, it, vi } from 'vitest';
import { bridgeFailureMessage, createApiClient } from '../../src/renderer/src/api';
import {
  type BridgeApi,
  type CachedEmailing,
  eventNames,
  methodNames,
  subscribeName,
} from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';

const emailing: CachedEmailing = {
  key: 1,
  accountId: 1,
  accountLabel: 'Fietsenwinkel',
  emailingId: 4101,
  subject: 'Voorjaarsactie',
  sentAt: '2025-03-04 09:00:00',
  clickCount: 3250,
  lastRefreshedAt: '2025-03-05T08:00:00.000Z',
  lastError: null,
};

/** A bridge with every contract method and subscription, each failing the test unless overridden. */
function bridgeWith(overrides: Partial<BridgeApi>): BridgeApi {
  const unexpected = () => {
    throw new Error('not part of this test');
  };
  const names = [...methodNames, ...eventNames.map(subscribeName)];
  return {
    ...(Object.fromEntries(names.map((name) => [name, unexpected])) as unknown as BridgeApi),
    ...overrides,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('createApiClient', () => {
  it('resolves to the value of a successful Result', async () => {
    const api = createApiClient(
      bridgeWith({ listCachedEmailings: async () => ({ ok: true, value: [emailing] }) }),
    );
    await expect(api.listCachedEmailings()).resolves.toEqual([emailing]);
  });

  it('passes {} for methods without input, and the input as given otherwise', async () => {
    const getAppInfo = vi.fn(async () => ({
      ok: true as const,
      value: { version: '0.1.0', databasePath: '/tmp/x.db', schemaVersion: 1 },
    }));
    const openExternal = vi.fn(async () => ({ ok: true as const, value: null }));
    const api = createApiClient(bridgeWith({ getAppInfo, openExternal }));
    await api.getAppInfo();
    await api.openExternal({ url: 'https://www.copernica.com/' });
    expect(getAppInfo).toHaveBeenCalledWith({});
    expect(openExternal).toHaveBeenCalledWith({ url: 'https://www.copernica.com/' });
  });

  it('throws the AppError a failed Result carries, with its code and user-facing message', async () => {
    const api = createApiClient(
      bridgeWith({
        openExternal: async () => ({
          ok: false,
          error: { code: 'invalid_input', message: 'Only http and https links can be opened.' },
        }),
      }),
    );
    const error = await rejectionOf(api.openExternal({ url: 'javascript:alert(1)' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Only http and https links can be opened.');
  });

  it('turns a bridge that throws into an internal AppError a user can act on', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const api = createApiClient(
      bridgeWith({
        listCachedEmailings: () =>
          Promise.reject(new Error("Error invoking remote method 'api:listCachedEmailings'")),
      }),
    );
    const error = await rejectionOf(api.listCachedEmailings());
    expect(error.code).toBe('internal');
    expect(error.message).toBe(bridgeFailureMessage);
  });

  it.each([
    ['undefined', undefined],
    ['a bare value', [emailing]],
    ['an error without a message', { ok: false, error: { code: 'internal' } }],
    ['ok without a value', { ok: true }],
  ])('treats %s as a broken bridge, not as data', async (_name, answer) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const api = createApiClient(bridgeWith({ listCachedEmailings: async () => answer as never }));
    const error = await rejectionOf(api.listCachedEmailings());
    expect(error.code).toBe('internal');
    expect(error.message).toBe(bridgeFailureMessage);
  });

  it('has a function for every method and subscription of the contract', () => {
    const api = createApiClient(bridgeWith({}));
    const names = [...methodNames, ...eventNames.map(subscribeName)];
    expect(Object.keys(api).sort()).toEqual([...names].sort());
  });

  it('hands event subscriptions straight to the bridge', () => {
    const unsubscribe = vi.fn();
    const onCacheChanged = vi.fn(() => unsubscribe);
    const api = createApiClient(bridgeWith({ onCacheChanged }));
    const listener = vi.fn();
    expect(api.onCacheChanged(listener)).toBe(unsubscribe);
    expect(onCacheChanged).toHaveBeenCalledWith(listener);
  });
});
