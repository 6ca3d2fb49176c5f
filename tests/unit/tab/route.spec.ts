/**
 * The tab's addresses: every route survives a trip through its URL fragment, and anything
 * unknown lands on This week.
 */
import { hrefOf, navPageOf, parseRoute, type Route } from '../../../tab/src/navigation/route';

it.each<Route>([
  { page: 'week' },
  { page: 'history' },
  { page: 'history', q: 'budget review', person: 'José Nuñez' },
  { page: 'history', person: 'A & B?' },
  { page: 'reflection', week: '2026-W48' },
  { page: 'trends' },
  { page: 'people' },
  { page: 'requests' },
  { page: 'settings' },
  { page: 'data' },
])('round-trips %j', (route) => {
  expect(parseRoute(hrefOf(route))).toEqual(route);
});

it.each(['', '#', '#/', '#/nowhere', '#/reflection', '#/%E0%A4%A'])(
  'sends %j to This week',
  (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'week' });
  },
);

it('keeps a week detail under History in the navigation', () => {
  expect(navPageOf({ page: 'reflection', week: '2026-W01' })).toBe('history');
  expect(navPageOf({ page: 'people' })).toBe('people');
});
