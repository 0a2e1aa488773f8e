/**
 * The one typed API client of the window, handed down by context: `App` receives it (from
 * `main.tsx`, or a test's fake) and every component and hook below reads the same one with
 * `useApi`, so no part of the window can reach past it to `window.api`.
 */
import { createContext, createElement, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api';
import { AppError } from '../../shared/errors';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  // Without JSX: the tests' TypeScript project (no DOM, no JSX) reaches this file through the hooks.
  return createElement(ApiContext.Provider, { value: client }, children);
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  // A component drawn outside App is a programming error; say so rather than call an undefined client.
  if (!client) throw new AppError('internal', 'This part of the window was drawn outside the ApiProvider.');
  return client;
}
