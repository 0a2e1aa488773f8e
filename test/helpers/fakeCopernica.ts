import { afterAll, beforeAll } from 'vitest';
import {
  createFakeCopernica,
  type FakeCopernica,
  type FakeCopernicaOptions,
} from '../../src/backend/fakeApi/server';

/** A fake Copernica server for the tests of the calling file or describe block, closed after them. */
export function useFakeCopernica(options: FakeCopernicaOptions): () => FakeCopernica {
  let fake: FakeCopernica | undefined;
  beforeAll(async () => {
    fake = await createFakeCopernica(options);
  });
  afterAll(() => fake?.close());
  return () => {
    if (fake === undefined) throw new Error('the fake Copernica server is used before beforeAll');
    return fake;
  };
}
