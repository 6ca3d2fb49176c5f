/**
 * Weeks as the API shows them: the calendar span, counts, undo, and only the contract's fields.
 */
import { repCounts, weekSpan, weekView } from '../../../../src/api/views/week-view';
import type { PracticeWeek } from '../../../../src/domain/practice-week';

it.each([
  ['2026-W48', '2026-11-23', '2026-11-29'],
  ['2026-W01', '2025-12-29', '2026-01-04'],
  ['2020-W53', '2020-12-28', '2021-01-03'],
])('spans %s from %s to %s', (week, startsOn, endsOn) => {
  expect(weekSpan(week)).toEqual({ week, startsOn, endsOn });
});

it('counts reps with their total', () => {
  expect(
    repCounts([
      { id: '1', kind: 'asked', at: '', source: 'logged' },
      { id: '2', kind: 'asked', at: '', source: 'logged' },
      { id: '3', kind: 'thanked', at: '', source: 'help-request' },
    ]),
  ).toEqual({ asked: 2, accepted: 0, thanked: 1, total: 3 });
});

describe('weekView', () => {
  const stored = {
    week: '2026-W48',
    timeZone: 'UTC',
    reflection: {
      helpedBy: [{ name: 'Sam', id: 'abc', extra: 'not in the contract' }],
      yesCount: 1,
      holdingAlone: 'text',
      connected: [],
      internalNote: 'not in the contract',
    },
    reps: [
      { id: 'r1', kind: 'asked', at: '2026-11-24T09:00:00Z', source: 'logged' },
      { id: 'r2', kind: 'thanked', at: '2026-11-24T10:00:00Z', source: 'help-request', x: 1 },
    ],
  } as unknown as PracticeWeek;

  it('keeps only the contract’s fields', () => {
    const view = weekView(stored, '2026-W48');
    expect(JSON.stringify(view)).not.toContain('not in the contract');
    expect(view.reflection?.helpedBy).toEqual([{ id: 'abc', name: 'Sam' }]);
    expect(view.reps[1]).toEqual({
      id: 'r2',
      kind: 'thanked',
      at: '2026-11-24T10:00:00Z',
      source: 'help-request',
    });
  });

  it('offers undo in the current week only, and only for a hand-logged rep', () => {
    expect(weekView(stored, '2026-W48')).toMatchObject({ current: true, canUndo: true });
    expect(weekView(stored, '2026-W49')).toMatchObject({ current: false, canUndo: false });
    const countedOnly = { ...stored, reps: stored.reps.slice(1) };
    expect(weekView(countedOnly, '2026-W48').canUndo).toBe(false);
  });
});
