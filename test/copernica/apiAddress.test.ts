/** Security 2: the client sends the token over plain http to loopback only. */
import { describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import { isLoopbackHostname } from '../../src/backend/copernica/apiAddress';
import type { HttpGet } from '../../src/backend/copernica/httpGet';
import { AppError } from '../../src/shared/errors';

const TOKEN = 'secret-token-9d1e';

function construct(baseUrl: string, get: HttpGet): CopernicaClient | AppError {
  try {
    return new CopernicaClient({ baseUrl, token: TOKEN, fetch: get });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('CopernicaClient API address', () => {
  it.each([
    'http://example.com/v2',
    'http://api.copernica.com/v2',
    'http://10.0.0.5/v2',
    'http://0.0.0.0:8080/v2',
    'http://[::2]/v2',
    'http://localhost.example.com/v2',
    'http://127.0.0.1.nip.io/v2',
    'ftp://api.copernica.com/v2',
  ])('refuses %s before any request, with a message that holds no token', (baseUrl) => {
    const urls: string[] = [];
    const result = construct(baseUrl, (url) => {
      urls.push(url);
      return Promise.reject(new Error('no request may be made'));
    });
    expect(result).toBeInstanceOf(AppError);
    expect((result as AppError).code).toBe('invalid_input');
    expect((result as AppError).message).toMatch(/https:\/\//);
    expect((result as AppError).message).not.toContain(TOKEN);
    expect(urls).toEqual([]);
  });

  it.each([
    'https://api.copernica.com/v2',
    'https://copernica.example.org/v3',
    'http://127.0.0.1:4000/v2',
    'http://127.8.9.10/v2',
    'http://127.1/v2',
    'http://localhost:4000/v3',
    'http://[::1]:4000/v2',
  ])('accepts %s', (baseUrl) => {
    expect(construct(baseUrl, () => Promise.reject(new Error('unused')))).toBeInstanceOf(CopernicaClient);
  });

  it('knows loopback by the normalised host name only', () => {
    expect(isLoopbackHostname('127.0.0.1')).toBe(true);
    expect(isLoopbackHostname('[::1]')).toBe(true);
    expect(isLoopbackHostname('localhost')).toBe(true);
    expect(isLoopbackHostname('128.0.0.1')).toBe(false);
    expect(isLoopbackHostname('127.0.0.1.example.com')).toBe(false);
    expect(isLoopbackHostname('my-localhost')).toBe(false);
  });
});
