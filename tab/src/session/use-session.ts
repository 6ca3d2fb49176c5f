/**
 * Starts the tab: finds the host, signs the user in and asks the API who they are.
 *
 * @remarks
 * Inside a host the API gets the host's SSO token. Outside one the tab offers the local
 * development identity; only a server in development accepts it, so a 401 there means "this is
 * a real deployment opened in a plain browser" and the user is sent to Teams or Outlook.
 */
import { useCallback, useEffect, useState } from 'react';
import { DEV_AUTHORIZATION, PROBLEM_TYPES, type MeResponse } from '../../../src/api/contracts';
import { ApiError, createApiClient, type ApiClient } from '../api';
import { connectToHost, getHostToken, notifyHostReady, type HostInfo } from '../host/host-context';

/** Where the start-up stands. */
export type SessionState =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      /** The signed-in user. */
      readonly me: MeResponse;
      /** The API client, signed in as that user, for the pages to use. */
      readonly api: ApiClient;
    }
  /** Outside a host, on a server that refuses the development identity. */
  | { readonly status: 'needs-host' }
  /** The user's organization has not enabled Spotter. */
  | { readonly status: 'not-enabled' }
  | { readonly status: 'error' };

/** What `useSession` returns. */
export interface Session {
  /** The host, once connected; `undefined` while connecting and outside any host. */
  readonly host: HostInfo | undefined;
  /** Where the start-up stands. */
  readonly state: SessionState;
  /** Starts over after an error. */
  readonly retry: () => void;
}

async function start(host: HostInfo | undefined): Promise<SessionState> {
  const api = createApiClient(
    host ? async () => `Bearer ${await getHostToken()}` : () => Promise.resolve(DEV_AUTHORIZATION),
  );
  try {
    return { status: 'ready', me: await api.getMe(), api };
  } catch (error) {
    if (error instanceof ApiError && error.problem.type === PROBLEM_TYPES.tenantNotEnabled) {
      return { status: 'not-enabled' };
    }
    if (error instanceof ApiError && error.status === 401 && !host) return { status: 'needs-host' };
    return { status: 'error' };
  }
}

/** Runs the start-up once, and again on `retry`. */
export function useSession(): Session {
  const [host, setHost] = useState<HostInfo | undefined>(undefined);
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void (async () => {
      let next: SessionState;
      try {
        const connected = await connectToHost();
        if (!current) return;
        setHost(connected);
        next = await start(connected);
      } catch {
        // Only the host can fail here (the API's failures are sorted in `start`).
        next = { status: 'error' };
      }
      if (!current) return;
      setState(next);
      notifyHostReady();
    })();
    return () => {
      current = false;
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((count) => count + 1);
  }, []);

  return { host, state, retry };
}
