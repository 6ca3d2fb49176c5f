/**
 * The current route, following the URL fragment live (links, the back button, `navigate`).
 */
import { useCallback, useEffect, useState } from 'react';
import { hrefOf, parseRoute, type Route } from './route';

/** What `useRoute` returns. */
export interface RouteState {
  /** Where the tab is. */
  readonly route: Route;
  /** Goes to a route (a new history entry). */
  readonly navigate: (route: Route) => void;
}

/** Follows `location.hash`. */
export function useRoute(): RouteState {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = hrefOf(next);
  }, []);
  return { route, navigate };
}
