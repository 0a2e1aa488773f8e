/**
 * A request the backend checks again where it is used (a CLI, a test, the worker may call in),
 * refused as invalid_input with the first thing wrong with it.
 */
import type { z } from 'zod';
import { AppError } from '../shared/errors';

export function validRequest<S extends z.ZodType>(schema: S, request: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(request);
  if (!parsed.success) {
    throw new AppError('invalid_input', `${what} is not valid: ${parsed.error.issues[0]?.message}`);
  }
  return parsed.data;
}
