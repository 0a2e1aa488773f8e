import type { BackendMethodName, MethodOutput, MethodParsedInput } from '../shared/contract';
import type { ExportInternalMethodName, InternalMethodName, InternalMethods } from './protocol';

/** The backend's answer to each contract method it owns. */
export type Handlers = {
  [M in BackendMethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};
export type PartialHandlers<M extends BackendMethodName> = Pick<Handlers, M>;

/** `signal` aborts when the host cancels the request (one `cancel` message by request id). */
export type InternalHandlers = {
  [M in InternalMethodName]: (
    input: InternalMethods[M]['input'],
    signal?: AbortSignal,
  ) => InternalMethods[M]['output'] | Promise<InternalMethods[M]['output']>;
};

/** The host-only methods of the accounts module (the export module answers the others). */
export type AccountInternalHandlers = Omit<InternalHandlers, ExportInternalMethodName>;
export type ExportInternalHandlers = Pick<InternalHandlers, ExportInternalMethodName>;
