/**
 * The support network: people grouped by id or name, counted in weeks, newest first.
 */
import { MAX_PEOPLE, supportNetwork } from '../../../../src/api/views/support-network';
import type { PracticeWeek } from '../../../../src/domain/practice-week';
import type { Person } from '../../../../src/domain/reflection';

function week(key: string, helpedBy: Person[], connected: Person[] = []): PracticeWeek {
  return {
    week: key,
    timeZone: 'UTC',
    reflection: { helpedBy, yesCount: null, holdingAlone: '', connected },
    reps: [],
  };
}

it('counts weeks per person and role, with the latest spelling and week', () => {
  const network = supportNetwork([
    week('2026-W10', [{ name: 'Sam Okafor' }], [{ name: 'Lee' }]),
    week('2026-W09', [{ name: 'sam okafor' }, { name: 'Sam Okafor' }]),
    week('2026-W02', [], [{ name: 'Sam Okafor' }]),
  ]);
  expect(network).toEqual({
    people: [
      {
        key: 'name:sam okafor',
        name: 'Sam Okafor',
        helped: 2,
        connected: 1,
        lastWeek: '2026-W10',
        lastSeenOn: '2026-03-02',
      },
      {
        key: 'name:lee',
        name: 'Lee',
        helped: 0,
        connected: 1,
        lastWeek: '2026-W10',
        lastSeenOn: '2026-03-02',
      },
    ],
    truncated: false,
  });
});

it('joins a typed name to the one directory entry with that name, and keeps ids apart', () => {
  const network = supportNetwork([
    week('2026-W10', [{ id: 'id-1', name: 'Dana Ortiz' }]),
    week('2026-W09', [{ name: 'Dána Ortiz' }]),
    week('2026-W08', [
      { id: 'id-2', name: 'Alex Kim' },
      { id: 'id-3', name: 'Alex Kim' },
    ]),
    week('2026-W07', [{ name: 'Alex Kim' }]),
  ]);
  const byKey = Object.fromEntries(network.people.map((p) => [p.key, p.helped]));
  expect(byKey).toEqual({ 'id:id-1': 2, 'id:id-2': 1, 'id:id-3': 1, 'name:alex kim': 1 });
});

it(`returns at most ${MAX_PEOPLE} people and says so`, () => {
  const many = Array.from({ length: MAX_PEOPLE + 5 }, (_, i) => ({ name: `Person ${i}` }));
  const network = supportNetwork([
    week('2026-W10', many.slice(0, 20)),
    ...Array.from({ length: 11 }, (_, i) =>
      week(`2026-W0${(i % 9) + 1}`, many.slice(20 + i * 17, 37 + i * 17)),
    ),
  ]);
  expect(network.people.length).toBeLessThanOrEqual(MAX_PEOPLE);
  expect(network.truncated).toBe(true);
});
