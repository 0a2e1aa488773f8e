/**
 * What main asks of the backend host: contract calls and the host-only methods. A file of its
 * own because both main's handlers (mainHandlers.ts) and the export handlers (exports.ts) need
 * it, and neither should import the other for a type.
 */
import type { BackendMethodName, MethodOutput, MethodParsedInput } from '../shared/contract';
import type { Result } from '../shared/result';
import type { InternalMethodName, InternalMethods } from '../backend/protocol';

export interface BackendAccess {
  call<M extends BackendMethodName>(method: M, input: MethodParsedInput<M>): Promise<Result<MethodOutput<M>>>;
  internal<M extends InternalMethodName>(
    method: M,
    input: InternalMethods[M]['input'],
    /** Aborting it cancels the request in the worker (exports). */
    signal?: AbortSignal,
  ): Promise<Result<InternalMethods[M]['output']>>;
}
