import { afterEach } from 'vitest';
import { CopernicaClient, type CopernicaClientOptions } from '../../src/backend/copernica/client';
import {
  createFakeCopernica,
  type FakeCopernica,
  type FakeCopernicaOptions,
} from '../../src/backend/fakeApi/server';
import { AppError } from '../../src/shared/errors';

export const TOKEN = 'test-token-5f2c9a';

const open: FakeCopernica[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

export async function fakeServer(options: FakeCopernicaOptions = {}): Promise<FakeCopernica> {
  const fake = await createFakeCopernica({ tokens: [TOKEN], ...options });
  open.push(fake);
  return fake;
}

/** A client whose backoff sleeps are recorded instead of waited for. */
export function clientFor(
  fake: FakeCopernica,
  options: Partial<CopernicaClientOptions> = {},
): { client: CopernicaClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const client = new CopernicaClient({
    baseUrl: fake.url,
    token: TOKEN,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { client, sleeps };
}

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) {
      assertNoToken(error);
      return error;
    }
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

/** The token must not be anywhere in an error: message, stack, cause chain, or JSON form. */
export function assertNoToken(error: unknown): void {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    const text =
      current instanceof Error
        ? `${current.message}\n${current.stack ?? ''}\n${JSON.stringify(current)}`
        : String(current);
    if (text.includes(TOKEN)) throw new Error(`the access token leaked into an error: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
}
