/**
 * The tab's pages as URL fragments (`#/history?person=Sam`, `#/history/2026-W10`), so every
 * page has an address: the back button works, and links between pages are plain links.
 *
 * @remarks
 * The fragment is used rather than the path because the host loads the tab's content URL as
 * configured in the manifest; a fragment change never reloads the tab or reaches the server.
 */

/** The pages reachable from the navigation. */
export const PAGES = [
  'week',
  'history',
  'trends',
  'people',
  'requests',
  'settings',
  'data',
  'admin',
] as const;

/** A page of the navigation. */
export type PageName = (typeof PAGES)[number];

/** Where the tab is. */
export type Route =
  | {
      readonly page: 'week' | 'trends' | 'people' | 'requests' | 'settings' | 'data' | 'admin';
    }
  | {
      readonly page: 'history';
      /** Words searched for. */
      readonly q?: string;
      /** A person's name filtered by. */
      readonly person?: string;
    }
  | {
      readonly page: 'reflection';
      /** The week shown (a week key, unchecked: the API answers 404 for anything else). */
      readonly week: string;
    };

/** The navigation entry a route belongs to. */
export function navPageOf(route: Route): PageName {
  return route.page === 'reflection' ? 'history' : route.page;
}

/** A decoded path segment; a malformed escape (typed or cut off by hand) stays as it is. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route a URL fragment names; the This week page for anything unknown. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeSegment);
  const params = new URLSearchParams(query);
  const [first, second] = parts;
  if (first === 'history' && second) return { page: 'reflection', week: second };
  if (first === 'history') {
    const q = params.get('q') ?? undefined;
    const person = params.get('person') ?? undefined;
    return { page: 'history', ...(q ? { q } : {}), ...(person ? { person } : {}) };
  }
  const page = PAGES.find((name) => name === first);
  return page && page !== 'history' ? { page } : { page: 'week' };
}

/** The URL fragment of a route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'reflection':
      return `#/history/${encodeURIComponent(route.week)}`;
    case 'history': {
      const params = new URLSearchParams();
      if (route.q) params.set('q', route.q);
      if (route.person) params.set('person', route.person);
      const query = params.toString();
      return `#/history${query ? `?${query}` : ''}`;
    }
    default:
      return `#/${route.page}`;
  }
}
