/**
 * Loads something from the API for a page: loading, ready or failed, with a way to reload and
 * to replace the value after a change the page made itself.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api';

/** Where a load stands. */
export type ResourceState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | {
      readonly status: 'error';
      /** HTTP status of the failure (0 when the server was not reached). */
      readonly httpStatus: number;
    };

/** What `useResource` returns. */
export interface Resource<T> {
  /** Where the load stands. */
  readonly state: ResourceState<T>;
  /** Loads again (showing the loading state). */
  readonly reload: () => void;
  /** Replaces the loaded value, e.g. with the answer of a save. */
  readonly set: (value: T) => void;
}

/**
 * Loads with `load` now and whenever `key` changes; a slower, older answer never overwrites a
 * newer one.
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (value) => {
        if (current) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (current) {
          setState({ status: 'error', httpStatus: error instanceof ApiError ? error.status : 0 });
        }
      },
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` names what it loads.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const set = useCallback((value: T) => setState({ status: 'ready', value }), []);
  return { state, reload, set };
}
