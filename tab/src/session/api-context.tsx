/**
 * The signed-in API client, for every page below the shell.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api';

const ApiContext = createContext<ApiClient | undefined>(undefined);

/** Provides the signed-in client. */
export function ApiProvider({
  api,
  children,
}: {
  readonly api: ApiClient;
  readonly children: ReactNode;
}) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

/** The signed-in client; only pages shown after sign-in use it. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside of ApiProvider');
  return api;
}
