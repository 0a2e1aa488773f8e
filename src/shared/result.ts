import type { AppErrorShape } from './errors';
import { AppError } from './errors';

/** Every method of the contract answers with this envelope: a value, or an error meant for the user. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppErrorShape): Result<T> {
  return { ok: false, error };
}

/** Turns an envelope back into a value, or throws the AppError it carried. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message);
}
